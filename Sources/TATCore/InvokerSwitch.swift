/// `EnableInvoker` and `DisableInvoker`: turn one invoker's schedule on or
/// off. Both change what will run, so neither only reads.
public protocol InvokerSwitchRequest: TATRequest, NamesResources
where Response == InvokerSwitchResponse {
  var invokerId: String? { get }
  init(invokerId: String?)
  /// Whether the request turns the schedule on.
  static var enables: Bool { get }
}

extension InvokerSwitchRequest {
  public static var onlyReads: Bool { false }

  public func validate() throws {
    guard let invokerId else {
      throw TATError(code: TATError.Code.missingParameter, message: "InvokerId is required.")
    }
    guard ResourceID.isWellFormed(invokerId, prefix: ResourceID.invokerPrefix) else {
      throw TATError(
        code: TATError.Code.invalidInvokerId,
        message: "InvokerId `\(invokerId)` is not of the form \(ResourceID.invokerPrefix)xxxxxxxx.")
    }
  }

  public var namedResources: NamedResources { NamedResources(invokerId: invokerId) }
}

/// Turns an invoker's schedule on.
public struct EnableInvokerRequest: InvokerSwitchRequest, Hashable {
  public typealias Response = InvokerSwitchResponse
  public static let action = "EnableInvoker"
  public static let enables = true
  public var invokerId: String?

  public init(invokerId: String?) { self.invokerId = invokerId }

  public enum CodingKeys: String, CodingKey, CaseIterable {
    case invokerId = "InvokerId"
  }
}

/// Turns an invoker's schedule off; it keeps its records.
public struct DisableInvokerRequest: InvokerSwitchRequest, Hashable {
  public typealias Response = InvokerSwitchResponse
  public static let action = "DisableInvoker"
  public static let enables = false
  public var invokerId: String?

  public init(invokerId: String?) { self.invokerId = invokerId }

  public enum CodingKeys: String, CodingKey, CaseIterable {
    case invokerId = "InvokerId"
  }
}

/// The answer to `EnableInvoker` or `DisableInvoker`: only its `RequestId`.
public struct InvokerSwitchResponse: TATResponse, Hashable {
  public var requestId: String

  public init(requestId: String) { self.requestId = requestId }

  public var summary: String { "done" }

  enum CodingKeys: String, CodingKey {
    case requestId = "RequestId"
  }
}

extension InvokerSwitchResponse: JSONWritable {
  public func write(to writer: inout JSONWriter) {
    writer.object { w in w.field(CodingKeys.requestId, requestId) }
  }
}
