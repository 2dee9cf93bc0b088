/// Invokers: schedules that invoke a saved command on instances, once or
/// on a cron `Recurrence`.
public struct DescribeInvokersRequest: TATRequest, Hashable {
  public typealias Response = DescribeInvokersResponse
  public static let action = "DescribeInvokers"
  public static let onlyReads = true

  public var invokerIds: [String]?
  public var filters: [Filter]?
  public var limit: Int?
  public var offset: Int?

  public init(
    invokerIds: [String]? = nil, filters: [Filter]? = nil, limit: Int? = nil, offset: Int? = nil
  ) {
    self.invokerIds = invokerIds
    self.filters = filters
    self.limit = limit
    self.offset = offset
  }

  static let rules = ListQueryRules(
    idsParameter: "InvokerIds",
    invalidIDCode: TATError.Code.invalidInvokerId,
    idPrefixes: [ResourceID.invokerPrefix],
    filters: [
      "invoker-id": .id(prefix: ResourceID.invokerPrefix, code: TATError.Code.invalidInvokerId),
      "command-id": .id(prefix: ResourceID.commandPrefix, code: TATError.Code.invalidCommandId),
      "invoker-type": .oneOf([Invoker.scheduleType]),
    ])

  public static var filterNames: Set<String> { Set(rules.filters.keys) }

  public func validate() throws {
    try Self.rules.validate(ids: invokerIds, filters: filters, limit: limit, offset: offset)
  }

  public enum CodingKeys: String, CodingKey, CaseIterable {
    case invokerIds = "InvokerIds"
    case filters = "Filters"
    case limit = "Limit"
    case offset = "Offset"
  }
}

/// One page of invokers and the count of all that match.
public struct DescribeInvokersResponse: TATResponse, Hashable {
  public var totalCount: Int
  public var invokerSet: [Invoker]
  public var requestId: String

  public init(totalCount: Int, invokerSet: [Invoker], requestId: String) {
    self.totalCount = totalCount
    self.invokerSet = invokerSet
    self.requestId = requestId
  }

  public var summary: String { "\(invokerSet.count) of \(totalCount)" }

  enum CodingKeys: String, CodingKey {
    case totalCount = "TotalCount"
    case invokerSet = "InvokerSet"
    case requestId = "RequestId"
  }
}

/// A schedule that invokes a saved command on instances.
public struct Invoker: Codable, Sendable, Hashable {
  /// The only invoker type the API has.
  public static let scheduleType = "SCHEDULE"

  public var invokerId: String
  public var name: String
  /// `SCHEDULE`.
  public var type: String
  public var commandId: String
  public var username: String
  /// The command's parameters as a JSON object, in text.
  public var parameters: String
  public var instanceIds: [String]
  /// Whether the schedule still invokes.
  public var enable: Bool
  public var scheduleSettings: ScheduleSettings?
  public var createdTime: String
  public var updatedTime: String
  public var tags: [Tag]

  public init(
    invokerId: String, name: String, type: String = Invoker.scheduleType, commandId: String,
    username: String, parameters: String, instanceIds: [String], enable: Bool,
    scheduleSettings: ScheduleSettings?, createdTime: String, updatedTime: String, tags: [Tag]
  ) {
    self.invokerId = invokerId
    self.name = name
    self.type = type
    self.commandId = commandId
    self.username = username
    self.parameters = parameters
    self.instanceIds = instanceIds
    self.enable = enable
    self.scheduleSettings = scheduleSettings
    self.createdTime = createdTime
    self.updatedTime = updatedTime
    self.tags = tags
  }

  enum CodingKeys: String, CodingKey {
    case invokerId = "InvokerId"
    case name = "Name"
    case type = "Type"
    case commandId = "CommandId"
    case username = "Username"
    case parameters = "Parameters"
    case instanceIds = "InstanceIds"
    case enable = "Enable"
    case scheduleSettings = "ScheduleSettings"
    case createdTime = "CreatedTime"
    case updatedTime = "UpdatedTime"
    case tags = "Tags"
  }
}

/// When an invoker invokes: once at `InvokeTime`, or on a cron `Recurrence`
/// read in Beijing time (UTC+8), as the API does.
public struct ScheduleSettings: Codable, Sendable, Hashable {
  public static let once = "ONCE"
  public static let recurrence = "RECURRENCE"

  /// `ONCE` or `RECURRENCE`.
  public var policy: String
  public var recurrence: String?
  /// The next time it invokes.
  public var invokeTime: String?

  public init(policy: String, recurrence: String? = nil, invokeTime: String? = nil) {
    self.policy = policy
    self.recurrence = recurrence
    self.invokeTime = invokeTime
  }

  enum CodingKeys: String, CodingKey {
    case policy = "Policy"
    case recurrence = "Recurrence"
    case invokeTime = "InvokeTime"
  }
}

extension ScheduleSettings: JSONWritable {
  public func write(to writer: inout JSONWriter) {
    writer.object { w in
      w.field(CodingKeys.policy, policy)
      w.field(CodingKeys.recurrence, recurrence)
      w.field(CodingKeys.invokeTime, invokeTime)
    }
  }
}

extension Invoker: JSONWritable {
  public func write(to writer: inout JSONWriter) {
    writer.object { w in
      w.field(CodingKeys.invokerId, invokerId)
      w.field(CodingKeys.name, name)
      w.field(CodingKeys.type, type)
      w.field(CodingKeys.commandId, commandId)
      w.field(CodingKeys.username, username)
      w.field(CodingKeys.parameters, parameters)
      w.field(CodingKeys.instanceIds, instanceIds)
      w.field(CodingKeys.enable, enable)
      w.field(CodingKeys.scheduleSettings, scheduleSettings)
      w.field(CodingKeys.createdTime, createdTime)
      w.field(CodingKeys.updatedTime, updatedTime)
      w.field(CodingKeys.tags, tags)
    }
  }
}

extension DescribeInvokersResponse: JSONWritable {
  public func write(to writer: inout JSONWriter) {
    writer.object { w in
      w.field(CodingKeys.totalCount, totalCount)
      w.field(CodingKeys.invokerSet, invokerSet)
      w.field(CodingKeys.requestId, requestId)
    }
  }
}
