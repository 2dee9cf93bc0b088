/// Machines outside Tencent Cloud registered with TAT (managed instances,
/// `mi-` ids): what a `mi-` id is, and whether it is still managed.
public struct DescribeRegisterInstancesRequest: TATRequest, Hashable {
  public typealias Response = DescribeRegisterInstancesResponse
  public static let action = "DescribeRegisterInstances"
  public static let onlyReads = true

  public var instanceIds: [String]?
  public var filters: [Filter]?
  public var offset: Int?
  public var limit: Int?

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
    invalidIDCode: TATError.Code.invalidRegisterInstanceId,
    idPrefixes: [ResourceID.managedInstancePrefix],
    filters: [
      "instance-name": .any,
      "instance-id": .id(
        prefix: ResourceID.managedInstancePrefix, code: TATError.Code.invalidRegisterInstanceId),
      "register-status": .oneOf(AgentStatus.allCases.map(\.rawValue)),
      "local-ip": .any,
      "register-code-id": .any,
      "sys-name": .oneOf(AgentEnvironment.allCases.map(\.rawValue)),
      "tag-key": .any,
      "tag-value": .any,
    ],
    acceptsTagFilters: true)

  /// The filter names this action accepts (besides `tag:<key>`).
  public static var filterNames: Set<String> { Set(rules.filters.keys) }

  public func validate() throws {
    try Self.rules.validate(ids: instanceIds, filters: filters, limit: limit, offset: offset)
  }

  public enum CodingKeys: String, CodingKey, CaseIterable {
    case instanceIds = "InstanceIds"
    case filters = "Filters"
    case offset = "Offset"
    case limit = "Limit"
  }
}

/// One page of registered instances and the count of all that match.
public struct DescribeRegisterInstancesResponse: TATResponse, Hashable {
  public var totalCount: Int
  public var registerInstanceSet: [RegisterInstanceInfo]
  public var requestId: String

  public init(totalCount: Int, registerInstanceSet: [RegisterInstanceInfo], requestId: String) {
    self.totalCount = totalCount
    self.registerInstanceSet = registerInstanceSet
    self.requestId = requestId
  }

  public var summary: String { "\(registerInstanceSet.count) of \(totalCount)" }

  enum CodingKeys: String, CodingKey {
    case totalCount = "TotalCount"
    case registerInstanceSet = "RegisterInstanceSet"
    case requestId = "RequestId"
  }
}

/// One machine registered with TAT.
public struct RegisterInstanceInfo: Codable, Sendable, Hashable {
  public var registerCodeId: String
  public var instanceId: String
  public var instanceName: String
  public var machineId: String
  /// `Linux` or `Windows`.
  public var systemName: String
  public var hostName: String
  public var localIp: String
  public var publicKey: String
  /// `Online` while the machine is managed, `Offline` once it is not.
  public var status: String
  public var createdTime: String
  public var updatedTime: String
  public var tags: [Tag]

  public init(
    registerCodeId: String, instanceId: String, instanceName: String, machineId: String,
    systemName: String, hostName: String, localIp: String, publicKey: String, status: String,
    createdTime: String, updatedTime: String, tags: [Tag]
  ) {
    self.registerCodeId = registerCodeId
    self.instanceId = instanceId
    self.instanceName = instanceName
    self.machineId = machineId
    self.systemName = systemName
    self.hostName = hostName
    self.localIp = localIp
    self.publicKey = publicKey
    self.status = status
    self.createdTime = createdTime
    self.updatedTime = updatedTime
    self.tags = tags
  }

  enum CodingKeys: String, CodingKey {
    case registerCodeId = "RegisterCodeId"
    case instanceId = "InstanceId"
    case instanceName = "InstanceName"
    case machineId = "MachineId"
    case systemName = "SystemName"
    case hostName = "HostName"
    case localIp = "LocalIp"
    case publicKey = "PublicKey"
    case status = "Status"
    case createdTime = "CreatedTime"
    case updatedTime = "UpdatedTime"
    case tags = "Tags"
  }
}

extension RegisterInstanceInfo: JSONWritable {
  public func write(to writer: inout JSONWriter) {
    writer.object { w in
      w.field(CodingKeys.registerCodeId, registerCodeId)
      w.field(CodingKeys.instanceId, instanceId)
      w.field(CodingKeys.instanceName, instanceName)
      w.field(CodingKeys.machineId, machineId)
      w.field(CodingKeys.systemName, systemName)
      w.field(CodingKeys.hostName, hostName)
      w.field(CodingKeys.localIp, localIp)
      w.field(CodingKeys.publicKey, publicKey)
      w.field(CodingKeys.status, status)
      w.field(CodingKeys.createdTime, createdTime)
      w.field(CodingKeys.updatedTime, updatedTime)
      w.field(CodingKeys.tags, tags)
    }
  }
}

extension DescribeRegisterInstancesResponse: JSONWritable {
  public func write(to writer: inout JSONWriter) {
    writer.object { w in
      w.field(CodingKeys.totalCount, totalCount)
      w.field(CodingKeys.registerInstanceSet, registerInstanceSet)
      w.field(CodingKeys.requestId, requestId)
    }
  }
}
