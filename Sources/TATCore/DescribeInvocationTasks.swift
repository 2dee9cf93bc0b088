/// Lists the per-instance tasks of executions.
public struct DescribeInvocationTasksRequest: TATRequest, Hashable {
  public typealias Response = DescribeInvocationTasksResponse
  public static let action = "DescribeInvocationTasks"
  public static let onlyReads = true

  public var invocationTaskIds: [String]?
  public var filters: [Filter]?
  public var limit: Int?
  public var offset: Int?
  /// Whether to leave `TaskResult.Output` out; the API's default is `true`.
  public var hideOutput: Bool?

  public init(
    invocationTaskIds: [String]? = nil, filters: [Filter]? = nil, limit: Int? = nil,
    offset: Int? = nil, hideOutput: Bool? = nil
  ) {
    self.invocationTaskIds = invocationTaskIds
    self.filters = filters
    self.limit = limit
    self.offset = offset
    self.hideOutput = hideOutput
  }

  static let rules = ListQueryRules(
    idsParameter: "InvocationTaskIds",
    invalidIDCode: TATError.Code.invalidParameterValue,
    idPrefixes: [ResourceID.invocationTaskPrefix],
    filters: [
      "invocation-task-id": .id(
        prefix: ResourceID.invocationTaskPrefix, code: TATError.Code.invalidParameterValue),
      "invocation-id": .id(prefix: ResourceID.invocationPrefix, code: TATError.Code.invalidInvocationId),
      "instance-id": .any,
      "command-id": .id(prefix: ResourceID.commandPrefix, code: TATError.Code.invalidCommandId),
    ])

  /// The filter names this action accepts.
  public static var filterNames: Set<String> { Set(rules.filters.keys) }

  public func validate() throws {
    try Self.rules.validate(ids: invocationTaskIds, filters: filters, limit: limit, offset: offset)
  }

  public enum CodingKeys: String, CodingKey, CaseIterable {
    case invocationTaskIds = "InvocationTaskIds"
    case filters = "Filters"
    case limit = "Limit"
    case offset = "Offset"
    case hideOutput = "HideOutput"
  }
}

/// One page of tasks and the count of all that match.
public struct DescribeInvocationTasksResponse: TATResponse, Hashable {
  public var totalCount: Int
  public var invocationTaskSet: [InvocationTask]
  public var requestId: String

  public init(totalCount: Int, invocationTaskSet: [InvocationTask], requestId: String) {
    self.totalCount = totalCount
    self.invocationTaskSet = invocationTaskSet
    self.requestId = requestId
  }

  public var summary: String { "\(invocationTaskSet.count) of \(totalCount)" }

  enum CodingKeys: String, CodingKey {
    case totalCount = "TotalCount"
    case invocationTaskSet = "InvocationTaskSet"
    case requestId = "RequestId"
  }
}
