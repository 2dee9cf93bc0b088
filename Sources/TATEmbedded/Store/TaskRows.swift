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

  static func task(from row: Row, includingOutput: Bool) -> InvocationTask {
    InvocationTask(
      invocationId: row["invocation_id"],
      invocationTaskId: row["invocation_task_id"],
      commandId: row["command_id"],
      taskStatus: row["task_status"],
      instanceId: row["instance_id"],
      taskResult: TaskResult(
        exitCode: row["exit_code"],
        output: includingOutput ? row["output"] : nil,
        execStartTime: row["exec_start_time"],
        execEndTime: row["exec_end_time"],
        dropped: row["dropped"],
        outputUrl: row["output_url"],
        outputUploadCOSErrorInfo: row["output_upload_cos_error_info"]),
      startTime: row["start_time"],
      endTime: row["end_time"],
      createdTime: row["created_time"],
      updatedTime: row["updated_time"],
      commandDocument: CommandDocument(
        content: row["document_content"],
        commandType: row["document_command_type"],
        timeout: row["document_timeout"],
        workingDirectory: row["document_working_directory"],
        username: row["document_username"],
        outputCOSBucketUrl: row["document_output_cos_bucket_url"],
        outputCOSKeyPrefix: row["document_output_cos_key_prefix"]),
      errorInfo: row["error_info"],
      invocationSource: row["invocation_source"],
      commandName: row["command_name"])
  }
}
