import TATCore

/// The kinds of scheduled work: invokers, which invoke a saved command on a
/// schedule, and the record of each time one invoked.
extension RecordKind {
  public static let invoker = RecordKind(
    name: "invoker", plural: "invokers", idField: "InvokerId",
    listing: .paged(DescribeInvokersRequest.self, items: \.invokerSet) { ids, filters, page in
      DescribeInvokersRequest(invokerIds: ids, filters: filters, limit: page.limit, offset: page.offset)
    },
    summary: "schedules that invoke a saved command, once or on a cron recurrence (DescribeInvokers)",
    examples: [
      "invokers where enabled=true | select id, name, recurrence", "invokers where command=cmd-9dxzty3m",
    ],
    fields: [
      "InvokerId", "Name", "Type", "CommandId", "Username", "Parameters", "InstanceIds", "Enable",
      "ScheduleSettings", "ScheduleSettings.Policy", "ScheduleSettings.Recurrence",
      "ScheduleSettings.InvokeTime", "CreatedTime", "UpdatedTime", "Tags",
    ],
    aliases: [
      "id": "InvokerId", "invoker-id": "InvokerId", "name": "Name", "type": "Type", "invoker-type": "Type",
      "command": "CommandId", "command-id": "CommandId", "user": "Username", "instances": "InstanceIds",
      "enabled": "Enable", "schedule": "ScheduleSettings", "policy": "ScheduleSettings.Policy",
      "recurrence": "ScheduleSettings.Recurrence", "cron": "ScheduleSettings.Recurrence",
      "invoke-time": "ScheduleSettings.InvokeTime", "created": "CreatedTime", "updated": "UpdatedTime",
      "tags": "Tags",
    ],
    enumeratedValues: [
      "Enable": RecordKind.truthValues,
      "Type": [Invoker.scheduleType],
      "ScheduleSettings.Policy": [ScheduleSettings.once, ScheduleSettings.recurrence],
    ],
    filterOnlyFields: [], encodedFields: [], hasComputedFields: false,
    tableColumns: [
      ("InvokerId", "InvokerId"), ("Name", "Name"), ("CommandId", "CommandId"), ("Enable", "Enable"),
      ("Policy", "ScheduleSettings.Policy"), ("Recurrence", "ScheduleSettings.Recurrence"),
      ("InvokeTime", "ScheduleSettings.InvokeTime"), ("Instances", "InstanceIds"),
    ],
    recognizedBy: (["InvokerId", "ScheduleSettings"], []))

  public static let invokerRecord = RecordKind(
    name: "invoker-record", plural: "invoker-records", idField: "InvokerId",
    listing: .paged(
      DescribeInvokerRecordsRequest.self, items: \.invokerRecordSet, idsNameMany: true
    ) { ids, _, page in
      DescribeInvokerRecordsRequest(invokerIds: ids, limit: page.limit, offset: page.offset)
    },
    summary:
      "each time an invoker invoked, and how it ended (DescribeInvokerRecords); after invokers, theirs",
    examples: [
      "invoker-records where result=FAILED | first 5", "invokers | invoker-records | group by invoker",
    ],
    fields: ["InvokerId", "InvokeTime", "Reason", "InvocationId", "Result"],
    aliases: [
      "invoker": "InvokerId", "invoker-id": "InvokerId", "invoked": "InvokeTime", "time": "InvokeTime",
      "reason": "Reason", "invocation": "InvocationId", "invocation-id": "InvocationId",
      "status": "Result", "result": "Result",
    ],
    enumeratedValues: ["Result": InvocationStatus.allCases.map(\.rawValue)],
    filterOnlyFields: [], encodedFields: [], hasComputedFields: false,
    tableColumns: [
      ("InvokerId", "InvokerId"), ("InvokeTime", "InvokeTime"), ("InvocationId", "InvocationId"),
      ("Result", "Result"), ("Reason", "Reason"),
    ],
    recognizedBy: (["InvokerId", "InvokeTime"], []),
    distinctBy: ["InvokerId", "InvokeTime", "InvocationId"])
}
