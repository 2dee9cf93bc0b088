import TATCore

/// One line of `serve`'s audit log: who asked for what, and how it was
/// answered. It never holds a key, a signature or the Authorization header.
public struct AccessRecord: Sendable, Hashable, JSONWritable {
  /// When the request arrived, in seconds since 1970.
  public var time: Int = 0
  /// The client's address and port, as the server saw it.
  public var remoteAddress: String?
  /// The SecretId the request claimed to be signed with, known or not.
  public var secretId: String?
  /// The client's own name for itself (the SDK's, tccli's, `tatsh/VERSION`), at most 128 characters.
  public var userAgent: String?
  public var action: String?
  public var region: String?
  /// `OK`, or the error code of the answer.
  public var code = "OK"
  public var requestId = ""
  /// From the request's arrival to its answer, in milliseconds.
  public var milliseconds: Double = 0
  /// What a write action asked to touch (and, once created, the invocation).
  public var instanceIds: [String]?
  public var commandId: String?
  public var invocationId: String?

  public init() {}

  /// The longest SecretId kept: the header is the caller's to fill.
  static let longestSecretId = 128

  /// An id as the log keeps it: a request may hold anything, so at most 64 characters.
  static func bounded(_ id: String) -> String { String(id.prefix(64)) }

  /// Ids as the log keeps them: no more than any action takes (200), each bounded.
  static func bounded(_ ids: [String]?) -> [String]? { ids.map { $0.prefix(200).map(bounded) } }

  enum CodingKeys: String, CodingKey {
    case time = "Time"
    case remoteAddress = "RemoteAddress"
    case secretId = "SecretId"
    case userAgent = "UserAgent"
    case action = "Action"
    case region = "Region"
    case code = "Code"
    case requestId = "RequestId"
    case milliseconds = "DurationMs"
    case instanceIds = "InstanceIds"
    case commandId = "CommandId"
    case invocationId = "InvocationId"
  }

  public func write(to writer: inout JSONWriter) {
    writer.object {
      $0.field(CodingKeys.time, APITimestamp.string(fromEpochSeconds: time))
      $0.field(CodingKeys.remoteAddress, remoteAddress)
      $0.field(CodingKeys.secretId, secretId)
      $0.field(CodingKeys.userAgent, userAgent)
      $0.field(CodingKeys.action, action)
      $0.field(CodingKeys.region, region)
      $0.field(CodingKeys.code, code)
      $0.field(CodingKeys.requestId, requestId.isEmpty ? nil : requestId)
      $0.field(CodingKeys.milliseconds, (milliseconds * 1000).rounded() / 1000)
      $0.field(CodingKeys.instanceIds, instanceIds)
      $0.field(CodingKeys.commandId, commandId)
      $0.field(CodingKeys.invocationId, invocationId)
    }
  }

  /// Notes what a change asks to touch or says it created: its instances, its command, its invocation.
  /// A request or response that names none of them (a read) leaves the record as it is.
  mutating func note(_ value: Any) {
    guard let named = (value as? any NamesResources)?.namedResources else { return }
    if let ids = named.instanceIds { instanceIds = Self.bounded(ids) }
    if let id = named.commandId { commandId = Self.bounded(id) }
    if let id = named.invocationId { invocationId = Self.bounded(id) }
  }

  /// The record as one line of JSON, newline included.
  public var line: [UInt8] {
    var writer = JSONWriter(capacity: 320)
    write(to: &writer)
    return writer.bytes + [UInt8(ascii: "\n")]
  }
}
