/// The SDK treats every field of an answer as optional, and the cloud may
/// leave one out or send null: a record with a field missing keeps the rest
/// of its page instead of failing it, and the field reads as empty.
extension KeyedDecodingContainer {
  func decode<Value: Decodable>(_ key: Key, or empty: Value) throws -> Value {
    try decodeIfPresent(Value.self, forKey: key) ?? empty
  }
}

extension AutomationAgentInfo {
  public init(from decoder: any Decoder) throws {
    let fields = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      instanceId: try fields.decode(.instanceId, or: ""), version: try fields.decode(.version, or: ""),
      lastHeartbeatTime: try fields.decode(.lastHeartbeatTime, or: ""),
      agentStatus: try fields.decode(.agentStatus, or: ""),
      environment: try fields.decode(.environment, or: ""),
      supportFeatures: try fields.decode(.supportFeatures, or: []))
  }
}

extension RegisterInstanceInfo {
  public init(from decoder: any Decoder) throws {
    let fields = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      registerCodeId: try fields.decode(.registerCodeId, or: ""),
      instanceId: try fields.decode(.instanceId, or: ""),
      instanceName: try fields.decode(.instanceName, or: ""),
      machineId: try fields.decode(.machineId, or: ""),
      systemName: try fields.decode(.systemName, or: ""), hostName: try fields.decode(.hostName, or: ""),
      localIp: try fields.decode(.localIp, or: ""), publicKey: try fields.decode(.publicKey, or: ""),
      status: try fields.decode(.status, or: ""), createdTime: try fields.decode(.createdTime, or: ""),
      updatedTime: try fields.decode(.updatedTime, or: ""), tags: try fields.decode(.tags, or: []))
  }
}

extension Invoker {
  public init(from decoder: any Decoder) throws {
    let fields = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      invokerId: try fields.decode(.invokerId, or: ""), name: try fields.decode(.name, or: ""),
      type: try fields.decode(.type, or: Invoker.scheduleType),
      commandId: try fields.decode(.commandId, or: ""),
      username: try fields.decode(.username, or: ""), parameters: try fields.decode(.parameters, or: ""),
      instanceIds: try fields.decode(.instanceIds, or: []), enable: try fields.decode(.enable, or: false),
      scheduleSettings: try fields.decodeIfPresent(ScheduleSettings.self, forKey: .scheduleSettings),
      createdTime: try fields.decode(.createdTime, or: ""),
      updatedTime: try fields.decode(.updatedTime, or: ""),
      tags: try fields.decode(.tags, or: []))
  }
}

extension InvokerRecord {
  public init(from decoder: any Decoder) throws {
    let fields = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      invokerId: try fields.decode(.invokerId, or: ""), invokeTime: try fields.decode(.invokeTime, or: ""),
      reason: try fields.decode(.reason, or: ""), invocationId: try fields.decode(.invocationId, or: ""),
      result: try fields.decode(.result, or: ""))
  }
}

extension ScheduleSettings {
  public init(from decoder: any Decoder) throws {
    let fields = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      policy: try fields.decode(.policy, or: ""),
      recurrence: try fields.decodeIfPresent(String.self, forKey: .recurrence),
      invokeTime: try fields.decodeIfPresent(String.self, forKey: .invokeTime))
  }
}
