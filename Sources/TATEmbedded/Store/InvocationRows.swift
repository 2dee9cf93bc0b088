import GRDB
import TATCore

/// How an `Invocation` is laid out in the `invocation` table.
enum InvocationRows {
  /// The table's columns, in the order of `selection` and `insertSQL`.
  enum Column: Int, StoreColumn {
    case invocationId, commandId, commandName, invocationStatus, description, startTime, endTime,
      createdTime, updatedTime, parameters, defaultParameters, instanceKind, username, invocationSource,
      commandContent, commandType, timeout, workingDirectory, outputCosBucketUrl, outputCosKeyPrefix,
      commandCreatedBy
  }

  static let columns = Column.names

  static let insertSQL =
    "INSERT INTO invocation (\(columns.joined(separator: ", "))) VALUES (\(Array(repeating: "?", count: columns.count).joined(separator: ", ")))"

  /// Filter names of `DescribeInvocations` and the columns they test.
  static let filterColumns = columnsTested(by: DescribeInvocationsRequest.filterNames, among: columns)

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
      invocationId: row[Column.invocationId.rawValue],
      commandId: row[Column.commandId.rawValue],
      commandName: row[Column.commandName.rawValue],
      invocationStatus: row[Column.invocationStatus.rawValue],
      description: row[Column.description.rawValue],
      startTime: row[Column.startTime.rawValue],
      endTime: row[Column.endTime.rawValue],
      createdTime: row[Column.createdTime.rawValue],
      updatedTime: row[Column.updatedTime.rawValue],
      parameters: row[Column.parameters.rawValue],
      defaultParameters: row[Column.defaultParameters.rawValue],
      instanceKind: row[Column.instanceKind.rawValue],
      username: row[Column.username.rawValue],
      invocationSource: row[Column.invocationSource.rawValue],
      commandContent: row[Column.commandContent.rawValue],
      commandType: row[Column.commandType.rawValue],
      timeout: row[Column.timeout.rawValue],
      workingDirectory: row[Column.workingDirectory.rawValue],
      outputCOSBucketUrl: row[Column.outputCosBucketUrl.rawValue],
      outputCOSKeyPrefix: row[Column.outputCosKeyPrefix.rawValue])
  }
}
