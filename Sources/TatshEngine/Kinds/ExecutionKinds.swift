import TATCore

/// The kinds of what runs: invocations, their tasks, and saved commands.
extension RecordKind {
  public static let invocation = RecordKind(
    name: "invocation", plural: "invocations", idField: "InvocationId",
    listing: .paged(DescribeInvocationsRequest.self, items: \.invocationSet) { ids, filters, page in
      DescribeInvocationsRequest(invocationIds: ids, filters: filters, limit: page.limit, offset: page.offset)
    },
    summary: "execution activities, newest first (DescribeInvocations)",
    examples: ["invocations where status=FAILED", "invocations inv-q4zp60g0 | json"],
    fields: [
      "InvocationId", "CommandId", "CommandName", "InvocationStatus", "InvocationTaskBasicInfoSet",
      "Description", "StartTime", "EndTime", "CreatedTime", "UpdatedTime", "Parameters",
      "DefaultParameters", "InstanceKind", "Username", "InvocationSource", "CommandContent",
      "CommandType", "Timeout", "WorkingDirectory", "OutputCOSBucketUrl", "OutputCOSKeyPrefix",
    ],
    aliases: [
      "id": "InvocationId", "invocation-id": "InvocationId", "status": "InvocationStatus",
      "command": "CommandId", "command-id": "CommandId", "name": "CommandName",
      "created": "CreatedTime", "started": "StartTime", "ended": "EndTime",
      "kind": "InstanceKind", "instance-kind": "InstanceKind", "source": "InvocationSource",
      "content": "CommandContent", "type": "CommandType", "tasks": "InvocationTaskBasicInfoSet",
      "user": "Username",
    ],
    enumeratedValues: [
      "InvocationStatus": InvocationStatus.allCases.map(\.rawValue),
      "InstanceKind": InstanceKind.allCases.map(\.rawValue),
      "CommandType": CommandType.allCases.map(\.rawValue),
      "InvocationSource": ["USER", "INVOKER"],
      "command-created-by": CommandCreator.allCases.map(\.rawValue),
    ],
    filterOnlyFields: ["command-created-by"],
    encodedFields: [["CommandContent"]], hasComputedFields: true,
    tableColumns: [
      ("InvocationId", "InvocationId"), ("CommandName", "CommandName"), ("Status", "InvocationStatus"),
      ("Kind", "InstanceKind"), ("Tasks", "InvocationTaskBasicInfoSet"), ("Created", "CreatedTime"),
    ],
    recognizedBy: (["InvocationId", "InvocationStatus"], []))

  public static let task = RecordKind(
    name: "task", plural: "tasks", idField: "InvocationTaskId",
    listing: .paged(
      DescribeInvocationTasksRequest.self, items: \.invocationTaskSet, explained: "HideOutput=false"
    ) {
      ids, filters, page in
      DescribeInvocationTasksRequest(
        invocationTaskIds: ids, filters: filters, limit: page.limit, offset: page.offset, hideOutput: false)
    },
    summary: "per-instance tasks (DescribeInvocationTasks); after invocations, their tasks",
    examples: ["tasks where exit=127", "invocations where status=FAILED | tasks | decode"],
    fields: [
      "InvocationId", "InvocationTaskId", "CommandId", "TaskStatus", "InstanceId", "TaskResult",
      "TaskResult.ExitCode", "TaskResult.Output", "TaskResult.ExecStartTime",
      "TaskResult.ExecEndTime", "TaskResult.Dropped", "TaskResult.OutputUrl",
      "TaskResult.OutputUploadCOSErrorInfo", "StartTime", "EndTime", "CreatedTime", "UpdatedTime",
      "CommandDocument", "CommandDocument.Content", "CommandDocument.CommandType",
      "CommandDocument.Timeout", "CommandDocument.WorkingDirectory", "CommandDocument.Username",
      "CommandDocument.OutputCOSBucketUrl", "CommandDocument.OutputCOSKeyPrefix", "ErrorInfo",
      "InvocationSource", "CommandName",
    ],
    aliases: [
      "id": "InvocationTaskId", "invocation-task-id": "InvocationTaskId", "status": "TaskStatus",
      "invocation": "InvocationId", "invocation-id": "InvocationId", "command": "CommandId",
      "command-id": "CommandId", "instance": "InstanceId", "instance-id": "InstanceId",
      "exit": "TaskResult.ExitCode", "output": "TaskResult.Output", "created": "CreatedTime",
      "started": "StartTime", "ended": "EndTime", "error": "ErrorInfo",
      "content": "CommandDocument.Content", "name": "CommandName", "source": "InvocationSource",
    ],
    enumeratedValues: [
      "TaskStatus": TaskStatus.allCases.map(\.rawValue),
      "CommandDocument.CommandType": CommandType.allCases.map(\.rawValue),
      "InvocationSource": ["USER", "INVOKER"],
    ],
    filterOnlyFields: [],
    encodedFields: [["TaskResult", "Output"], ["CommandDocument", "Content"]], hasComputedFields: true,
    tableColumns: [
      ("TaskId", "InvocationTaskId"), ("InvocationId", "InvocationId"), ("InstanceId", "InstanceId"),
      ("Status", "TaskStatus"), ("Exit", "TaskResult.ExitCode"), ("ErrorInfo", "ErrorInfo"),
      ("Output", "TaskResult.Output"),
    ],
    recognizedBy: (["InvocationTaskId", "TaskStatus"], []))

  public static let command = RecordKind(
    name: "command", plural: "commands", idField: "CommandId",
    listing: .paged(DescribeCommandsRequest.self, items: \.commandSet) { ids, filters, page in
      DescribeCommandsRequest(commandIds: ids, filters: filters, limit: page.limit, offset: page.offset)
    },
    summary: "saved commands (DescribeCommands)",
    examples: ["commands where created-by=TAT | select name"],
    fields: [
      "CommandId", "CommandName", "Description", "Content", "CommandType", "WorkingDirectory",
      "Timeout", "CreatedTime", "UpdatedTime", "EnableParameter", "DefaultParameters", "Scenes",
      "FormattedDescription", "CreatedBy", "Tags", "Username", "OutputCOSBucketUrl",
      "OutputCOSKeyPrefix",
    ],
    aliases: [
      "id": "CommandId", "command-id": "CommandId", "name": "CommandName",
      "command-name": "CommandName", "type": "CommandType", "command-type": "CommandType",
      "created": "CreatedTime", "created-by": "CreatedBy", "content": "Content",
      "user": "Username",
    ],
    enumeratedValues: [
      "CommandType": CommandType.allCases.map(\.rawValue),
      "CreatedBy": CommandCreator.allCases.map(\.rawValue),
      "EnableParameter": RecordKind.truthValues,
    ],
    filterOnlyFields: [],
    encodedFields: [["Content"]], hasComputedFields: false,
    tableColumns: [
      ("CommandId", "CommandId"), ("CommandName", "CommandName"), ("Type", "CommandType"),
      ("CreatedBy", "CreatedBy"), ("Timeout", "Timeout"), ("Description", "Description"),
    ],
    recognizedBy: (["CommandId"], ["Content", "CreatedBy"]), joinedAs: "Command")
}
