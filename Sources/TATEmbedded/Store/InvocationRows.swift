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

  static func invocation(from row: Row) -> Invocation {
    Invocation(
      invocationId: row["invocation_id"],
      commandId: row["command_id"],
      commandName: row["command_name"],
      invocationStatus: row["invocation_status"],
      description: row["description"],
      startTime: row["start_time"],
      endTime: row["end_time"],
      createdTime: row["created_time"],
      updatedTime: row["updated_time"],
      parameters: row["parameters"],
      defaultParameters: row["default_parameters"],
      instanceKind: row["instance_kind"],
      username: row["username"],
      invocationSource: row["invocation_source"],
      commandContent: row["command_content"],
      commandType: row["command_type"],
      timeout: row["timeout"],
      workingDirectory: row["working_directory"],
      outputCOSBucketUrl: row["output_cos_bucket_url"],
      outputCOSKeyPrefix: row["output_cos_key_prefix"])
  }
}
