import TATCore

/// What the records flowing at a point of a pipeline are: the API listing
/// they come from, their fields, aliases and filters, how a table shows
/// them. Each kind is described once, here; the planner, `explain`, help,
/// completion and the table read it from its descriptor.
public struct RecordKind: Sendable, Hashable, CustomStringConvertible {
  /// The singular name: `invocation`.
  public let name: String
  /// The plural users write, also the name of its source: `invocations`.
  public let plural: String
  /// The field that names one record.
  let idField: String
  /// The API listing its source reads.
  let listing: Listing
  /// What its source gives, for `help`.
  let summary: String
  /// Pipelines that show its source at work.
  let examples: [String]
  /// Every field path, in the API's spelling.
  public let fields: [String]
  /// Short names for the fields users ask about most, and the API's filter names.
  public let aliases: [String: String]
  /// Fields whose values the API enumerates, with those values.
  let enumeratedValues: [String: [String]]
  /// Fields that exist only as API filters, which the API alone can decide.
  let filterOnlyFields: Set<String>
  /// Fields holding base64 text that `decode` turns into text.
  let encodedFields: [[String]]
  /// Whether `duration` and `age` apply (records with start, end and creation times).
  let hasComputedFields: Bool
  /// The columns a table shows unless `select` chose them: header and path.
  let tableColumns: [(header: String, path: String)]
  /// Fields every record of this kind holds, and one of which it holds: how a file's records are told apart.
  let recognizedBy: (all: [String], any: [String])

  public var description: String { name }

  /// Every kind, in the order help lists them.
  static let all: [RecordKind] = [.invocation, .task, .command, .region]

  public static func == (left: RecordKind, right: RecordKind) -> Bool { left.name == right.name }
  public func hash(into hasher: inout Hasher) { hasher.combine(name) }

  /// The top-level fields, without the nested paths.
  var topLevelFields: [String] { fields.filter { !$0.contains(".") } }

  /// Fields that `where` can hand to the API as a `Filter`, with the filter
  /// name: each filter the action takes that an alias names a field by, and
  /// the filter-only fields.
  var filterNames: [String: String] {
    var names: [String: String] = [:]
    for filter in listing.filterNames {
      if let field = aliases[filter] {
        names[field] = filter
      } else if filterOnlyFields.contains(filter) {
        names[filter] = filter
      }
    }
    return names
  }

  /// Whether `record` looks like one of this kind.
  func recognizes(_ record: Record) -> Bool {
    recognizedBy.all.allSatisfy { record[$0] != nil }
      && (recognizedBy.any.isEmpty || recognizedBy.any.contains { record[$0] != nil })
  }

  /// The kind written as `name`, singular or plural, in any case.
  static func named(_ name: String) -> RecordKind? {
    all.first { $0.name.caseInsensitiveEquals(name) || $0.plural.caseInsensitiveEquals(name) }
  }

  /// The kind whose records `idField` names.
  static func identified(by idField: String) -> RecordKind? {
    all.first { $0.idField == idField }
  }
}

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
    ],
    filterOnlyFields: [],
    encodedFields: [["Content"]], hasComputedFields: false,
    tableColumns: [
      ("CommandId", "CommandId"), ("CommandName", "CommandName"), ("Type", "CommandType"),
      ("CreatedBy", "CreatedBy"), ("Timeout", "Timeout"), ("Description", "Description"),
    ],
    recognizedBy: (["CommandId"], ["Content", "CreatedBy"]))

  public static let region = RecordKind(
    name: "region", plural: "regions", idField: "Region",
    listing: .whole(DescribeRegionsRequest(), items: \.regionSet),
    summary: "the regions where TAT is offered, and whether each is available (DescribeRegions)",
    examples: ["regions where state=AVAILABLE | count"],
    fields: ["Region", "RegionName", "RegionState"],
    aliases: ["id": "Region", "region": "Region", "name": "RegionName", "state": "RegionState"],
    // Not the regions themselves: the cloud may answer one opened since this list was made.
    enumeratedValues: ["RegionState": [RegionInfo.available, RegionInfo.unavailable]],
    filterOnlyFields: [], encodedFields: [], hasComputedFields: false,
    tableColumns: [("Region", "Region"), ("RegionName", "RegionName"), ("State", "RegionState")],
    recognizedBy: (["Region", "RegionState"], []))
}
