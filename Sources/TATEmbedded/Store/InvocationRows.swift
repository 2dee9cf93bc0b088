import GRDB
import TATCore

/// How an `Invocation` is laid out in the `invocation` table.
enum InvocationRows {
  static let columns = [
    "invocation_id", "command_id", "command_name", "invocation_status", "description",
    "start_time", "end_time", "created_time", "updated_time", "parameters", "default_parameters",
    "instance_kind", "username", "invocation_source", "command_content", "command_type", "timeout",
    "working_directory", "output_cos_bucket_url", "output_cos_key_prefix", "command_created_by",
  ]

  static let insertSQL =
    "INSERT INTO invocation (\(columns.joined(separator: ", "))) VALUES (\(Array(repeating: "?", count: columns.count).joined(separator: ", ")))"

  /// Filter names of `DescribeInvocations` and the columns they test.
  static let filterColumns = [
    "invocation-id": "invocation_id",
    "command-id": "command_id",
    "command-created-by": "command_created_by",
    "instance-kind": "instance_kind",
  ]

  static func arguments(for invocation: Invocation, createdBy: String) -> StatementArguments {
    [
      invocation.invocationId, invocation.commandId, invocation.commandName,
      invocation.invocationStatus, invocation.description, invocation.startTime,
      invocation.endTime, invocation.createdTime, invocation.updatedTime, invocation.parameters,
      invocation.defaultParameters, invocation.instanceKind, invocation.username,
      invocation.invocationSource, invocation.commandContent, invocation.commandType,
      invocation.timeout, invocation.workingDirectory, invocation.outputCOSBucketUrl,
      invocation.outputCOSKeyPrefix, createdBy,
    ]
  }

  /// The columns to select, in the order `invocation(from:)` reads them.
  static let selection = columns.joined(separator: ", ")

  /// The invocation of a row selected with `selection` (read by position: faster than by name).
  static func invocation(from row: Row) -> Invocation {
    Invocation(
      invocationId: row[0], commandId: row[1], commandName: row[2], invocationStatus: row[3],
      description: row[4], startTime: row[5], endTime: row[6], createdTime: row[7],
      updatedTime: row[8], parameters: row[9], defaultParameters: row[10], instanceKind: row[11],
      username: row[12], invocationSource: row[13], commandContent: row[14], commandType: row[15],
      timeout: row[16], workingDirectory: row[17], outputCOSBucketUrl: row[18],
      outputCOSKeyPrefix: row[19])
  }
}
