/// Lists saved commands.
public struct DescribeCommandsRequest: TATRequest, Hashable {
  public typealias Response = DescribeCommandsResponse
  public static let action = "DescribeCommands"
  public static let onlyReads = true

  public var commandIds: [String]?
  public var filters: [Filter]?
  public var limit: Int?
  public var offset: Int?

  public init(
    commandIds: [String]? = nil, filters: [Filter]? = nil, limit: Int? = nil, offset: Int? = nil
  ) {
    self.commandIds = commandIds
    self.filters = filters
    self.limit = limit
    self.offset = offset
  }

  static let rules = ListQueryRules(
    idsParameter: "CommandIds",
    invalidIDCode: TATError.Code.invalidCommandId,
    idPrefixes: [ResourceID.commandPrefix],
    filters: [
      "command-id": .id(prefix: ResourceID.commandPrefix, code: TATError.Code.invalidCommandId),
      "command-name": .any,
      "command-type": .oneOf(CommandType.allCases.map(\.rawValue)),
      "scene-id": .any,
      "created-by": .oneOf(CommandCreator.allCases.map(\.rawValue)),
      "tag-key": .any,
      "tag-value": .any,
    ],
    acceptsTagFilters: true)

  /// The filter names this action accepts (besides `tag:<key>`).
  public static var filterNames: Set<String> { Set(rules.filters.keys) }

  public func validate() throws {
    try Self.rules.validate(ids: commandIds, filters: filters, limit: limit, offset: offset)
  }

  public enum CodingKeys: String, CodingKey, CaseIterable {
    case commandIds = "CommandIds"
    case filters = "Filters"
    case limit = "Limit"
    case offset = "Offset"
  }
}

/// One page of commands and the count of all that match.
public struct DescribeCommandsResponse: TATResponse, Hashable {
  public var totalCount: Int
  public var commandSet: [Command]
  public var requestId: String

  public init(totalCount: Int, commandSet: [Command], requestId: String) {
    self.totalCount = totalCount
    self.commandSet = commandSet
    self.requestId = requestId
  }

  public var summary: String { "\(commandSet.count) of \(totalCount)" }

  enum CodingKeys: String, CodingKey {
    case totalCount = "TotalCount"
    case commandSet = "CommandSet"
    case requestId = "RequestId"
  }
}
