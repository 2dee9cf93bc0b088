/// A request to one TAT action: its wire name, its response type, and the
/// checks the API applies before answering.
public protocol TATRequest: Codable, Sendable {
  associatedtype Response: TATResponse
  /// The action name sent as `X-TC-Action`.
  static var action: String { get }
  /// Whether the action only reads. One that runs or changes anything is
  /// never resent blindly by a client, and `tatsh serve` refuses it unless
  /// told to allow it. Each action must say: there is no default.
  static var onlyReads: Bool { get }
  /// Throws the `TATError` the API would answer for this request, if any.
  func validate() throws
}

/// The output of one TAT action; every response carries a fresh `RequestId`.
public protocol TATResponse: Codable, Sendable, JSONWritable {
  var requestId: String { get set }
}
