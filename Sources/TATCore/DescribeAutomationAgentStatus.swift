/// The TAT agent on each instance: whether it is online, its version and
/// when it last reported. The first answer to "why was it never delivered?".
public struct DescribeAutomationAgentStatusRequest: TATRequest, Hashable {
  public typealias Response = DescribeAutomationAgentStatusResponse
  public static let action = "DescribeAutomationAgentStatus"
  public static let onlyReads = true

  public var instanceIds: [String]?
  public var filters: [Filter]?
  public var limit: Int?
  public var offset: Int?

  public init(
    instanceIds: [String]? = nil, filters: [Filter]? = nil, limit: Int? = nil, offset: Int? = nil
  ) {
    self.instanceIds = instanceIds
    self.filters = filters
    self.limit = limit
    self.offset = offset
  }

  static let rules = ListQueryRules(
    idsParameter: "InstanceIds",
    invalidIDCode: TATError.Code.invalidInstanceId,
    idPrefixes: ResourceID.instancePrefixes,
    filters: [
      "agent-status": .oneOf(AgentStatus.allCases.map(\.rawValue)),
      "environment": .oneOf(AgentEnvironment.allCases.map(\.rawValue)),
      "instance-id": .instanceId,
    ])

  public static var filterNames: Set<String> { Set(rules.filters.keys) }

  public func validate() throws {
    try Self.rules.validate(ids: instanceIds, filters: filters, limit: limit, offset: offset)
  }

  public enum CodingKeys: String, CodingKey, CaseIterable {
    case instanceIds = "InstanceIds"
    case filters = "Filters"
    case limit = "Limit"
    case offset = "Offset"
  }
}

/// One page of agents and the count of all that match.
public struct DescribeAutomationAgentStatusResponse: TATResponse, Hashable {
  public var automationAgentSet: [AutomationAgentInfo]
  public var totalCount: Int
  public var requestId: String

  public init(automationAgentSet: [AutomationAgentInfo], totalCount: Int, requestId: String) {
    self.automationAgentSet = automationAgentSet
    self.totalCount = totalCount
    self.requestId = requestId
  }

  public var summary: String { "\(automationAgentSet.count) of \(totalCount)" }

  enum CodingKeys: String, CodingKey {
    case automationAgentSet = "AutomationAgentSet"
    case totalCount = "TotalCount"
    case requestId = "RequestId"
  }
}

/// Whether an agent reports to TAT.
public enum AgentStatus: String, CaseIterable, Sendable {
  case online = "Online"
  case offline = "Offline"
}

/// The operating system an agent runs on.
public enum AgentEnvironment: String, CaseIterable, Sendable {
  case linux = "Linux"
  case windows = "Windows"
}

/// The TAT agent of one instance.
public struct AutomationAgentInfo: Codable, Sendable, Hashable {
  public var instanceId: String
  public var version: String
  public var lastHeartbeatTime: String
  /// `Online` or `Offline`.
  public var agentStatus: String
  /// `Linux` or `Windows`.
  public var environment: String
  public var supportFeatures: [String]

  public init(
    instanceId: String, version: String, lastHeartbeatTime: String, agentStatus: String,
    environment: String, supportFeatures: [String]
  ) {
    self.instanceId = instanceId
    self.version = version
    self.lastHeartbeatTime = lastHeartbeatTime
    self.agentStatus = agentStatus
    self.environment = environment
    self.supportFeatures = supportFeatures
  }

  enum CodingKeys: String, CodingKey {
    case instanceId = "InstanceId"
    case version = "Version"
    case lastHeartbeatTime = "LastHeartbeatTime"
    case agentStatus = "AgentStatus"
    case environment = "Environment"
    case supportFeatures = "SupportFeatures"
  }
}

extension AutomationAgentInfo: JSONWritable {
  public func write(to writer: inout JSONWriter) {
    writer.object { w in
      w.field(CodingKeys.instanceId, instanceId)
      w.field(CodingKeys.version, version)
      w.field(CodingKeys.lastHeartbeatTime, lastHeartbeatTime)
      w.field(CodingKeys.agentStatus, agentStatus)
      w.field(CodingKeys.environment, environment)
      w.field(CodingKeys.supportFeatures, supportFeatures)
    }
  }
}

extension DescribeAutomationAgentStatusResponse: JSONWritable {
  public func write(to writer: inout JSONWriter) {
    writer.object { w in
      w.field(CodingKeys.automationAgentSet, automationAgentSet)
      w.field(CodingKeys.totalCount, totalCount)
      w.field(CodingKeys.requestId, requestId)
    }
  }
}
