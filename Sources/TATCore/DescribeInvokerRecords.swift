/// What invokers did: each time one invoked, why, the invocation it made
/// and how that ended. Newest first.
public struct DescribeInvokerRecordsRequest: TATRequest, Hashable {
  public typealias Response = DescribeInvokerRecordsResponse
  public static let action = "DescribeInvokerRecords"
  public static let onlyReads = true

  public var invokerIds: [String]?
  public var limit: Int?
  public var offset: Int?

  public init(invokerIds: [String]? = nil, limit: Int? = nil, offset: Int? = nil) {
    self.invokerIds = invokerIds
    self.limit = limit
    self.offset = offset
  }

  /// The action takes ids but no `Filters`.
  static let rules = ListQueryRules(
    idsParameter: "InvokerIds",
    invalidIDCode: TATError.Code.invalidInvokerId,
    idPrefixes: [ResourceID.invokerPrefix],
    filters: [:])

  public static var filterNames: Set<String> { [] }

  public func validate() throws {
    try Self.rules.validate(ids: invokerIds, filters: nil, limit: limit, offset: offset)
  }

  public enum CodingKeys: String, CodingKey, CaseIterable {
    case invokerIds = "InvokerIds"
    case limit = "Limit"
    case offset = "Offset"
  }
}

/// One page of invoker records and the count of all that match.
public struct DescribeInvokerRecordsResponse: TATResponse, Hashable {
  public var totalCount: Int
  public var invokerRecordSet: [InvokerRecord]
  public var requestId: String

  public init(totalCount: Int, invokerRecordSet: [InvokerRecord], requestId: String) {
    self.totalCount = totalCount
    self.invokerRecordSet = invokerRecordSet
    self.requestId = requestId
  }

  public var summary: String { "\(invokerRecordSet.count) of \(totalCount)" }

  enum CodingKeys: String, CodingKey {
    case totalCount = "TotalCount"
    case invokerRecordSet = "InvokerRecordSet"
    case requestId = "RequestId"
  }
}

/// One time an invoker invoked.
public struct InvokerRecord: Codable, Sendable, Hashable {
  public var invokerId: String
  public var invokeTime: String
  public var reason: String
  public var invocationId: String
  /// The invocation's status, in `InvocationStatus`'s values.
  public var result: String

  public init(invokerId: String, invokeTime: String, reason: String, invocationId: String, result: String) {
    self.invokerId = invokerId
    self.invokeTime = invokeTime
    self.reason = reason
    self.invocationId = invocationId
    self.result = result
  }

  enum CodingKeys: String, CodingKey {
    case invokerId = "InvokerId"
    case invokeTime = "InvokeTime"
    case reason = "Reason"
    case invocationId = "InvocationId"
    case result = "Result"
  }
}

extension InvokerRecord: JSONWritable {
  public func write(to writer: inout JSONWriter) {
    writer.object { w in
      w.field(CodingKeys.invokerId, invokerId)
      w.field(CodingKeys.invokeTime, invokeTime)
      w.field(CodingKeys.reason, reason)
      w.field(CodingKeys.invocationId, invocationId)
      w.field(CodingKeys.result, result)
    }
  }
}

extension DescribeInvokerRecordsResponse: JSONWritable {
  public func write(to writer: inout JSONWriter) {
    writer.object { w in
      w.field(CodingKeys.totalCount, totalCount)
      w.field(CodingKeys.invokerRecordSet, invokerRecordSet)
      w.field(CodingKeys.requestId, requestId)
    }
  }
}
