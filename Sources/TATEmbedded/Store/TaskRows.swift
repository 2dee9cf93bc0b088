import GRDB
import TATCore

/// How an `InvocationTask` is laid out in the `invocation_task` table.
enum TaskRows {
  /// The table's columns, in the order of `selection` and `insertSQL`.
  enum Column: Int, StoreColumn {
    case invocationTaskId, invocationId, commandId, taskStatus, instanceId, exitCode, output,
      execStartTime, execEndTime, dropped, outputUrl, outputUploadCosErrorInfo, startTime, endTime,
      createdTime, updatedTime, documentContent, documentCommandType, documentTimeout,
      documentWorkingDirectory, documentUsername, documentOutputCosBucketUrl,
      documentOutputCosKeyPrefix, errorInfo, invocationSource, commandName
  }

  static let columns = Column.names

  static let insertSQL =
    "INSERT INTO invocation_task (\(columns.joined(separator: ", "))) VALUES (\(Array(repeating: "?", count: columns.count).joined(separator: ", ")))"

  /// Filter names of `DescribeInvocationTasks` and the columns they test.
  static let filterColumns = columnsTested(by: DescribeInvocationTasksRequest.filterNames, among: columns)

  static func arguments(for task: InvocationTask) -> StatementArguments {
    let result = task.taskResult
    let document = task.commandDocument
    let values: [(any DatabaseValueConvertible)?] = [
      task.invocationTaskId, task.invocationId, task.commandId, task.taskStatus, task.instanceId,
      result?.exitCode, result?.output, result?.execStartTime, result?.execEndTime,
      result?.dropped, result?.outputUrl, result?.outputUploadCOSErrorInfo,
      task.startTime, task.endTime, task.createdTime, task.updatedTime,
      document?.content, document?.commandType, document?.timeout, document?.workingDirectory,
      document?.username, document?.outputCOSBucketUrl, document?.outputCOSKeyPrefix,
      task.errorInfo, task.invocationSource, task.commandName,
    ]
    return StatementArguments(values)
  }

  /// The columns to select, in the order `task(from:includingOutput:)` reads them.
  static let selection = columns.joined(separator: ", ")

  /// The task of a row selected with `selection` (read by position: faster than by name).
  static func task(from row: Row, includingOutput: Bool) -> InvocationTask {
    InvocationTask(
      invocationId: row[Column.invocationId.rawValue],
      invocationTaskId: row[Column.invocationTaskId.rawValue],
      commandId: row[Column.commandId.rawValue], taskStatus: row[Column.taskStatus.rawValue],
      instanceId: row[Column.instanceId.rawValue],
      taskResult: TaskResult(
        exitCode: row[Column.exitCode.rawValue], output: includingOutput ? row[Column.output.rawValue] : nil,
        execStartTime: row[Column.execStartTime.rawValue], execEndTime: row[Column.execEndTime.rawValue],
        dropped: row[Column.dropped.rawValue], outputUrl: row[Column.outputUrl.rawValue],
        outputUploadCOSErrorInfo: row[Column.outputUploadCosErrorInfo.rawValue]),
      startTime: row[Column.startTime.rawValue], endTime: row[Column.endTime.rawValue],
      createdTime: row[Column.createdTime.rawValue],
      updatedTime: row[Column.updatedTime.rawValue],
      commandDocument: CommandDocument(
        content: row[Column.documentContent.rawValue], commandType: row[Column.documentCommandType.rawValue],
        timeout: row[Column.documentTimeout.rawValue],
        workingDirectory: row[Column.documentWorkingDirectory.rawValue],
        username: row[Column.documentUsername.rawValue],
        outputCOSBucketUrl: row[Column.documentOutputCosBucketUrl.rawValue],
        outputCOSKeyPrefix: row[Column.documentOutputCosKeyPrefix.rawValue]),
      errorInfo: row[Column.errorInfo.rawValue], invocationSource: row[Column.invocationSource.rawValue],
      commandName: row[Column.commandName.rawValue])
  }
}
