import TATCore

/// What the records flowing at a point of a pipeline are, and so which
/// fields, aliases and API filters apply to them.
public enum RecordKind: String, Sendable, Hashable {
  case invocation
  case task
  case command

  /// The plural users write: `invocations`, `tasks`, `commands`.
  public var plural: String { rawValue + "s" }

  /// Every field path of this kind, in the API's spelling.
  public var fields: [String] {
    switch self {
    case .invocation:
      [
        "InvocationId", "CommandId", "CommandName", "InvocationStatus", "InvocationTaskBasicInfoSet",
        "Description", "StartTime", "EndTime", "CreatedTime", "UpdatedTime", "Parameters",
        "DefaultParameters", "InstanceKind", "Username", "InvocationSource", "CommandContent",
        "CommandType", "Timeout", "WorkingDirectory", "OutputCOSBucketUrl", "OutputCOSKeyPrefix",
      ]
    case .task:
      [
        "InvocationId", "InvocationTaskId", "CommandId", "TaskStatus", "InstanceId", "TaskResult",
        "TaskResult.ExitCode", "TaskResult.Output", "TaskResult.ExecStartTime",
        "TaskResult.ExecEndTime", "TaskResult.Dropped", "TaskResult.OutputUrl",
        "TaskResult.OutputUploadCOSErrorInfo", "StartTime", "EndTime", "CreatedTime", "UpdatedTime",
        "CommandDocument", "CommandDocument.Content", "CommandDocument.CommandType",
        "CommandDocument.Timeout", "CommandDocument.WorkingDirectory", "CommandDocument.Username",
        "CommandDocument.OutputCOSBucketUrl", "CommandDocument.OutputCOSKeyPrefix", "ErrorInfo",
        "InvocationSource", "CommandName",
      ]
    case .command:
      [
        "CommandId", "CommandName", "Description", "Content", "CommandType", "WorkingDirectory",
        "Timeout", "CreatedTime", "UpdatedTime", "EnableParameter", "DefaultParameters", "Scenes",
        "FormattedDescription", "CreatedBy", "Tags", "Username", "OutputCOSBucketUrl",
        "OutputCOSKeyPrefix",
      ]
    }
  }

  /// The top-level fields, without the nested paths.
  var topLevelFields: [String] { fields.filter { !$0.contains(".") } }

  /// Short names for the fields users ask about most, and the API's filter names.
  public var aliases: [String: String] {
    switch self {
    case .invocation:
      [
        "id": "InvocationId", "invocation-id": "InvocationId", "status": "InvocationStatus",
        "command": "CommandId", "command-id": "CommandId", "name": "CommandName",
        "created": "CreatedTime", "started": "StartTime", "ended": "EndTime",
        "kind": "InstanceKind", "instance-kind": "InstanceKind", "source": "InvocationSource",
        "content": "CommandContent", "type": "CommandType", "tasks": "InvocationTaskBasicInfoSet",
        "user": "Username",
      ]
    case .task:
      [
        "id": "InvocationTaskId", "invocation-task-id": "InvocationTaskId", "status": "TaskStatus",
        "invocation": "InvocationId", "invocation-id": "InvocationId", "command": "CommandId",
        "command-id": "CommandId", "instance": "InstanceId", "instance-id": "InstanceId",
        "exit": "TaskResult.ExitCode", "output": "TaskResult.Output", "created": "CreatedTime",
        "started": "StartTime", "ended": "EndTime", "error": "ErrorInfo",
        "content": "CommandDocument.Content", "name": "CommandName", "source": "InvocationSource",
      ]
    case .command:
      [
        "id": "CommandId", "command-id": "CommandId", "name": "CommandName",
        "command-name": "CommandName", "type": "CommandType", "command-type": "CommandType",
        "created": "CreatedTime", "created-by": "CreatedBy", "content": "Content",
        "user": "Username",
      ]
    }
  }

  /// Fields whose values the API enumerates, with those values.
  var enumeratedValues: [String: [String]] {
    switch self {
    case .invocation:
      [
        "InvocationStatus": InvocationStatus.allCases.map(\.rawValue),
        "InstanceKind": InstanceKind.allCases.map(\.rawValue),
        "CommandType": CommandType.allCases.map(\.rawValue),
        "InvocationSource": ["USER", "INVOKER"],
        Self.commandCreatedBy: CommandCreator.allCases.map(\.rawValue),
      ]
    case .task:
      [
        "TaskStatus": TaskStatus.allCases.map(\.rawValue),
        "CommandDocument.CommandType": CommandType.allCases.map(\.rawValue),
        "InvocationSource": ["USER", "INVOKER"],
      ]
    case .command:
      [
        "CommandType": CommandType.allCases.map(\.rawValue),
        "CreatedBy": CommandCreator.allCases.map(\.rawValue),
      ]
    }
  }

  /// Fields that `where` can hand to the API as a `Filter`, with the filter name.
  var filterNames: [String: String] {
    switch self {
    case .invocation:
      [
        "InvocationId": "invocation-id", "CommandId": "command-id",
        "InstanceKind": "instance-kind", Self.commandCreatedBy: "command-created-by",
      ]
    case .task:
      [
        "InvocationTaskId": "invocation-task-id", "InvocationId": "invocation-id",
        "InstanceId": "instance-id", "CommandId": "command-id",
      ]
    case .command:
      [
        "CommandId": "command-id", "CommandName": "command-name", "CommandType": "command-type",
        "CreatedBy": "created-by",
      ]
    }
  }

  /// `command-created-by` is a filter of `DescribeInvocations`, not a field of
  /// its records: the API alone can decide it.
  static let commandCreatedBy = "command-created-by"

  /// Fields that exist only as API filters.
  var filterOnlyFields: Set<String> {
    self == .invocation ? [Self.commandCreatedBy] : []
  }

  /// Fields holding base64 text that `decode` turns into text.
  var encodedFields: [[String]] {
    switch self {
    case .invocation: [["CommandContent"]]
    case .task: [["TaskResult", "Output"], ["CommandDocument", "Content"]]
    case .command: [["Content"]]
    }
  }
}
