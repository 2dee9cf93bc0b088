/// One instance's part of an invocation: its status, result and the command it ran.
public struct InvocationTask: Codable, Sendable, Hashable {
  public var invocationId: String
  public var invocationTaskId: String
  public var commandId: String
  public var taskStatus: String
  public var instanceId: String
  public var taskResult: TaskResult?
  public var startTime: String?
  public var endTime: String?
  public var createdTime: String
  public var updatedTime: String?
  public var commandDocument: CommandDocument?
  public var errorInfo: String?
  public var invocationSource: String?
  public var commandName: String?

  public init(
    invocationId: String, invocationTaskId: String, commandId: String, taskStatus: String,
    instanceId: String, taskResult: TaskResult? = nil, startTime: String? = nil,
    endTime: String? = nil, createdTime: String, updatedTime: String? = nil,
    commandDocument: CommandDocument? = nil, errorInfo: String? = nil,
    invocationSource: String? = nil, commandName: String? = nil
  ) {
    self.invocationId = invocationId
    self.invocationTaskId = invocationTaskId
    self.commandId = commandId
    self.taskStatus = taskStatus
    self.instanceId = instanceId
    self.taskResult = taskResult
    self.startTime = startTime
    self.endTime = endTime
    self.createdTime = createdTime
    self.updatedTime = updatedTime
    self.commandDocument = commandDocument
    self.errorInfo = errorInfo
    self.invocationSource = invocationSource
    self.commandName = commandName
  }

  enum CodingKeys: String, CodingKey {
    case invocationId = "InvocationId"
    case invocationTaskId = "InvocationTaskId"
    case commandId = "CommandId"
    case taskStatus = "TaskStatus"
    case instanceId = "InstanceId"
    case taskResult = "TaskResult"
    case startTime = "StartTime"
    case endTime = "EndTime"
    case createdTime = "CreatedTime"
    case updatedTime = "UpdatedTime"
    case commandDocument = "CommandDocument"
    case errorInfo = "ErrorInfo"
    case invocationSource = "InvocationSource"
    case commandName = "CommandName"
  }
}
