/// The summary of one task that an `Invocation` carries for each instance.
public struct InvocationTaskBasicInfo: Codable, Sendable, Hashable {
  public var invocationTaskId: String
  public var taskStatus: String
  public var instanceId: String

  public init(invocationTaskId: String, taskStatus: String, instanceId: String) {
    self.invocationTaskId = invocationTaskId
    self.taskStatus = taskStatus
    self.instanceId = instanceId
  }

  enum CodingKeys: String, CodingKey {
    case invocationTaskId = "InvocationTaskId"
    case taskStatus = "TaskStatus"
    case instanceId = "InstanceId"
  }
}
