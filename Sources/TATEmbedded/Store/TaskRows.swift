import GRDB
import TATCore

/// How an `InvocationTask` is laid out in the `invocation_task` table.
enum TaskRows {
  static let columns = [
    "invocation_task_id", "invocation_id", "command_id", "task_status", "instance_id",
    "exit_code", "output", "exec_start_time", "exec_end_time", "dropped", "output_url",
    "output_upload_cos_error_info", "start_time", "end_time", "created_time", "updated_time",
    "document_content", "document_command_type", "document_timeout", "document_working_directory",
    "document_username", "document_output_cos_bucket_url", "document_output_cos_key_prefix",
    "error_info", "invocation_source", "command_name",
  ]

  static let insertSQL =
    "INSERT INTO invocation_task (\(columns.joined(separator: ", "))) VALUES (\(Array(repeating: "?", count: columns.count).joined(separator: ", ")))"

  /// Filter names of `DescribeInvocationTasks` and the columns they test.
  static let filterColumns = [
    "invocation-task-id": "invocation_task_id",
    "invocation-id": "invocation_id",
    "instance-id": "instance_id",
    "command-id": "command_id",
  ]

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
      invocationId: row[1], invocationTaskId: row[0], commandId: row[2], taskStatus: row[3],
      instanceId: row[4],
      taskResult: TaskResult(
        exitCode: row[5], output: includingOutput ? row[6] : nil, execStartTime: row[7],
        execEndTime: row[8], dropped: row[9], outputUrl: row[10], outputUploadCOSErrorInfo: row[11]),
      startTime: row[12], endTime: row[13], createdTime: row[14], updatedTime: row[15],
      commandDocument: CommandDocument(
        content: row[16], commandType: row[17], timeout: row[18], workingDirectory: row[19],
        username: row[20], outputCOSBucketUrl: row[21], outputCOSKeyPrefix: row[22]),
      errorInfo: row[23], invocationSource: row[24], commandName: row[25])
  }
}
