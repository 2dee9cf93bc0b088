/// A request to one TAT action: its wire name, its parameters, its response
/// type, and the checks the API applies before answering.
///
/// A new action is a request type, its response, and a line in `TATActions.all`.
public protocol TATRequest: Codable, Sendable {
  associatedtype Response: TATResponse
  /// The request's parameters as the API names them: every case is one.
  associatedtype CodingKeys: CodingKey & CaseIterable
  /// The action name sent as `X-TC-Action`.
  static var action: String { get }
  /// Whether the action only reads. One that runs or changes anything is
  /// never resent blindly by a client, and `tatsh serve` refuses it unless
  /// told to allow it. Each action must say: there is no default.
  static var onlyReads: Bool { get }
  /// The parameters the action takes; any other is `UnknownParameter`, as the API answers.
  static var parameterNames: Set<String> { get }
  /// Throws the `TATError` the API would answer for this request, if any.
  func validate() throws
}

extension TATRequest {
  /// The names of `CodingKeys`, the keys the request is encoded and decoded with.
  public static var parameterNames: Set<String> { Set(CodingKeys.allCases.map(\.stringValue)) }
}

/// The output of one TAT action; every response carries a fresh `RequestId`.
public protocol TATResponse: Codable, Sendable, JSONWritable {
  var requestId: String { get set }
  /// What the answer holds, in a few words, for a trace line: `3 of 10`, an invocation's id.
  var summary: String { get }
}

extension TATResponse {
  public var summary: String { "answered" }
}

/// The resources a request asks to touch or a response names as created:
/// what an audit log keeps of a change. Only actions that change something say.
public protocol NamesResources {
  var namedResources: NamedResources { get }
}

/// Ids of the resources a change touched; `nil` where it named none.
public struct NamedResources: Sendable, Hashable {
  public var instanceIds: [String]?
  public var commandId: String?
  public var invocationId: String?
  public var invokerId: String?

  public init(
    instanceIds: [String]? = nil, commandId: String? = nil, invocationId: String? = nil,
    invokerId: String? = nil
  ) {
    self.instanceIds = instanceIds
    self.commandId = commandId
    self.invocationId = invocationId
    self.invokerId = invokerId
  }
}
