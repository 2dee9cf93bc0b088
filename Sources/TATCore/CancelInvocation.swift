/// Cancels an invocation's tasks that have not finished, on all its
/// instances or on those named.
public struct CancelInvocationRequest: TATRequest, Hashable {
  public typealias Response = CancelInvocationResponse
  public static let action = "CancelInvocation"
  public static let onlyReads = false

  public var invocationId: String?
  public var instanceIds: [String]?
  /// The most instances one call names (the SDK's limit; RunCommand takes 200).
  public static let maximumInstances = APILimits.ids

  public init(invocationId: String?, instanceIds: [String]? = nil) {
    self.invocationId = invocationId
    self.instanceIds = instanceIds
  }

  public func validate() throws {
    guard let invocationId else {
      throw TATError(code: TATError.Code.missingParameter, message: "InvocationId is required.")
    }
    guard ResourceID.isWellFormed(invocationId, prefix: ResourceID.invocationPrefix) else {
      throw TATError(
        code: TATError.Code.invalidInvocationId,
        message: "InvocationId `\(invocationId)` is not of the form inv-xxxxxxxx.")
    }
    if let instanceIds {
      try ExecutionRules.validate(instanceIds: instanceIds, atMost: Self.maximumInstances)
    }
  }

  public enum CodingKeys: String, CodingKey, CaseIterable {
    case invocationId = "InvocationId"
    case instanceIds = "InstanceIds"
  }
}

/// The answer to `CancelInvocation`: only its `RequestId`.
public struct CancelInvocationResponse: TATResponse, Hashable {
  public var requestId: String

  public init(requestId: String) {
    self.requestId = requestId
  }

  public var summary: String { "cancelled" }

  enum CodingKeys: String, CodingKey {
    case requestId = "RequestId"
  }
}

extension CancelInvocationResponse: JSONWritable {
  public func write(to writer: inout JSONWriter) {
    writer.object { w in w.field(CodingKeys.requestId, requestId) }
  }
}

extension CancelInvocationRequest: NamesResources {
  public var namedResources: NamedResources {
    NamedResources(instanceIds: instanceIds, invocationId: invocationId)
  }
}
