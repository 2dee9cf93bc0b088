/// Lists execution activities, newest first.
public struct DescribeInvocationsRequest: TATRequest, Hashable {
  public typealias Response = DescribeInvocationsResponse
  public static let action = "DescribeInvocations"
  public static let onlyReads = true

  public var invocationIds: [String]?
  public var filters: [Filter]?
  /// Page size: default 20, at most 100.
  public var limit: Int?
  public var offset: Int?

  public init(
    invocationIds: [String]? = nil, filters: [Filter]? = nil, limit: Int? = nil, offset: Int? = nil
  ) {
    self.invocationIds = invocationIds
    self.filters = filters
    self.limit = limit
    self.offset = offset
  }

  static let rules = ListQueryRules(
    idsParameter: "InvocationIds",
    invalidIDCode: TATError.Code.invalidInvocationId,
    idPrefixes: [ResourceID.invocationPrefix],
    filters: [
      "invocation-id": .id(prefix: ResourceID.invocationPrefix, code: TATError.Code.invalidInvocationId),
      "command-id": .id(prefix: ResourceID.commandPrefix, code: TATError.Code.invalidCommandId),
      "command-created-by": .oneOf(CommandCreator.allCases.map(\.rawValue)),
      "instance-kind": .oneOf(InstanceKind.allCases.map(\.rawValue)),
    ])

  /// The filter names this action accepts.
  public static var filterNames: Set<String> { Set(rules.filters.keys) }

  public func validate() throws {
    try Self.rules.validate(ids: invocationIds, filters: filters, limit: limit, offset: offset)
  }

  public enum CodingKeys: String, CodingKey, CaseIterable {
    case invocationIds = "InvocationIds"
    case filters = "Filters"
    case limit = "Limit"
    case offset = "Offset"
  }
}

/// One page of execution activities and the count of all that match.
public struct DescribeInvocationsResponse: TATResponse, Hashable {
  public var totalCount: Int
  public var invocationSet: [Invocation]
  public var requestId: String

  public init(totalCount: Int, invocationSet: [Invocation], requestId: String) {
    self.totalCount = totalCount
    self.invocationSet = invocationSet
    self.requestId = requestId
  }

  public var summary: String { "\(invocationSet.count) of \(totalCount)" }

  enum CodingKeys: String, CodingKey {
    case totalCount = "TotalCount"
    case invocationSet = "InvocationSet"
    case requestId = "RequestId"
  }
}
