import Foundation
import TATCore
import TATSigning

/// The API 3.0 protocol in front of any `TATService`: the action header,
/// the version, the TC3 signature, the body size, the per-action rate
/// limit, and the `{"Response": …}` envelope with a `RequestId` on every
/// answer, errors included. Free of HTTP, so it can be tested directly.
public final class APIGateway: Sendable {
  private let service: any TATService
  private let keys: [String: String]
  private let allowsChanges: Bool
  private let limiter: RateLimiter
  private let clock: @Sendable () -> Date
  /// What this gateway has answered so far.
  public let tally = RequestTally()

  public static let version = "2020-10-28"
  public static let maximumBodySize = 10 * 1024 * 1024
  static let signatureLifetime = 300

  /// - Parameters:
  ///   - keys: accepted SecretIds and their keys; with none, every request is refused.
  ///   - allowsChanges: whether actions that run or change anything are answered;
  ///     without it they are refused with `UnauthorizedOperation`, and only reads are served.
  ///   - requestsPerSecond: per action, as the cloud limits `DescribeInvocations`; 0 turns the limit off.
  ///   - clock: the time the rate limit counts by; tests fix it.
  public init(
    service: any TATService, keys: [String: String], allowsChanges: Bool = false, requestsPerSecond: Int = 20,
    clock: @escaping @Sendable () -> Date = Date.init
  ) {
    self.service = service
    self.keys = keys
    self.allowsChanges = allowsChanges
    self.clock = clock
    limiter = RateLimiter(perSecond: requestsPerSecond)
  }

  /// The JSON answer to one request (HTTP status is always 200, as the API's).
  /// - Parameter headers: header names in lower case.
  public func respond(headers: [String: String], body: Data, now: Int = Int(Date().timeIntervalSince1970))
    async -> Data
  {
    await answer(headers: headers, body: body, now: now).body
  }

  /// The answer to one request and what the audit log keeps of it
  /// (all but the time, the client's address and the duration, which the server knows).
  /// - Parameter headers: header names in lower case.
  public func answer(headers: [String: String], body: Data, now: Int = Int(Date().timeIntervalSince1970))
    async -> GatewayAnswer
  {
    var access = Self.access(headers)
    do {
      let type = try check(headers: headers, body: body, now: now)
      let body = try await dispatch(type, body: body, access: &access)
      tally.count(action: type.action, error: nil)
      return GatewayAnswer(body: body, access: access)
    } catch let error as TATError {
      // A refused write is logged with what it asked to touch, as far as its body says.
      if error.code == "UnauthorizedOperation", let action = headers["x-tc-action"],
        let type = TATActions.type(named: action), let request = try? JSONDecoder().decode(type, from: body)
      {
        access.note(request)
      }
      return refusal(error, access: access)
    } catch {
      return refusal(TATError(code: TATError.Code.internalError, message: "\(error)"), access: access)
    }
  }

  /// The answer to a body over 10 MB, which is not read into memory.
  public func refusalOfOversizedBody(headers: [String: String]) -> GatewayAnswer {
    refusal(Self.oversizedBody, access: Self.access(headers))
  }

  /// The answer to a request that gives a header the API reads more than once,
  /// which could be read two ways.
  public func refusalOfRepeatedHeader(_ name: String, headers: [String: String]) -> GatewayAnswer {
    let code =
      name.lowercased() == "authorization"
      ? "AuthFailure.InvalidAuthorization" : TATError.Code.invalidParameter
    return refusal(
      TATError(code: code, message: "The \(name) header is given more than once."),
      access: Self.access(headers))
  }

  private func refusal(_ error: TATError, access: AccessRecord) -> GatewayAnswer {
    tally.count(action: access.action, error: error.code)
    var access = access
    access.code = error.code
    access.requestId = error.requestId ?? RequestID.random()
    return GatewayAnswer(
      body: Self.errorEnvelope(code: error.code, message: error.message, requestId: access.requestId),
      access: access)
  }

  /// What the log keeps of a request before it is checked: the SecretId is
  /// the one it claims, so that refused requests can be traced too.
  private static func access(_ headers: [String: String]) -> AccessRecord {
    var access = AccessRecord()
    access.action = headers["x-tc-action"].map { String($0.prefix(64)) }
    access.region = headers["x-tc-region"].map { String($0.prefix(64)) }
    access.secretId = headers["authorization"].flatMap { part("Credential=", of: $0) }.map {
      String($0.prefix { $0 != "/" }.prefix(AccessRecord.longestSecretId))
    }
    access.userAgent = headers["user-agent"].map { String($0.prefix(128)) }
    return access
  }

  /// Whether the API reads header `name` (in lower case), so that it must be given once at most.
  public static func readsHeader(_ name: String) -> Bool {
    name.hasPrefix("x-tc-") || ["authorization", "host", "content-type"].contains(name)
  }

  private static let oversizedBody = TATError(
    code: "RequestSizeLimitExceeded", message: "The request body is over 10 MB.")

  /// The parameters each action takes, from its request type; any other key is
  /// `UnknownParameter`, as the API answers.
  private static let parameters: [String: Set<String>] = Dictionary(
    uniqueKeysWithValues: TATActions.all.map { ($0.action, $0.parameterNames) })

  /// Checks everything about a request but its body; the request type of its action.
  private func check(headers: [String: String], body: Data, now: Int) throws -> any TATRequest.Type {
    guard let action = headers["x-tc-action"], !action.isEmpty else {
      throw TATError(code: "MissingParameter", message: "The X-TC-Action header is missing.")
    }
    guard let type = TATActions.type(named: action) else {
      throw TATError(code: "InvalidAction", message: "The action `\(action)` does not exist.")
    }
    guard headers["x-tc-version"] == Self.version else {
      throw TATError(
        code: "NoSuchVersion",
        message: "The version `\(headers["x-tc-version"] ?? "")` does not exist; use \(Self.version).")
    }
    guard body.count <= Self.maximumBodySize else {
      throw Self.oversizedBody
    }
    try verifySignature(headers: headers, body: body, now: now)
    if let region = headers["x-tc-region"], !Regions.known.contains(region) {
      throw TATError(
        code: "UnsupportedRegion",
        message:
          "The region `\(region.prefix(64))` is not supported; the regions are \(Regions.known.joined(separator: ", "))."
      )
    }
    if !allowsChanges, !type.onlyReads {
      throw TATError(
        code: "UnauthorizedOperation",
        message:
          "\(action) runs or changes something, and this server answers only reads: start tatsh serve with --allow-run to allow it."
      )
    }
    guard limiter.perSecond == 0 || limiter.admit(action, now: clock()) else {
      throw TATError(
        code: "RequestLimitExceeded",
        message: "More than \(limiter.perSecond) requests a second to \(action).")
    }
    return type
  }

  private func verifySignature(headers: [String: String], body: Data, now: Int) throws {
    guard let authorization = headers["authorization"],
      let credential = Self.part("Credential=", of: authorization),
      authorization.hasPrefix("TC3-HMAC-SHA256 ")
    else {
      throw TATError(
        code: "AuthFailure.InvalidAuthorization", message: "The Authorization header is not TC3-HMAC-SHA256.")
    }
    let secretId = String(credential.prefix { $0 != "/" })
    guard let key = keys[secretId] else {
      throw TATError(
        code: "AuthFailure.SecretIdNotFound", message: "The SecretId is not known to this server.")
    }
    guard let timestamp = headers["x-tc-timestamp"].flatMap(Int.init),
      abs(now - timestamp) <= Self.signatureLifetime
    else {
      throw TATError(
        code: "AuthFailure.SignatureExpire",
        message: "The timestamp is more than 5 minutes from the server's time.")
    }
    let signer = TC3Signer(secretId: secretId, secretKey: key, service: "tat")
    let expected = signer.authorization(
      body: body, host: headers["host"] ?? "", contentType: headers["content-type"] ?? "",
      timestamp: timestamp)
    guard Self.constantTimeEqual(expected, authorization) else {
      throw TATError(
        code: "AuthFailure.SignatureFailure", message: "The signature does not match the request.")
    }
  }

  /// More values than any action's largest valid request holds (100 ids, 10 filters of 5 values).
  static let largestValueCount = 10_000

  /// Decodes the body as a request of `type`, has the service answer it, and
  /// notes in `access` what a change touched.
  private func dispatch(_ type: any TATRequest.Type, body: Data, access: inout AccessRecord) async throws
    -> Data
  {
    let action = type.action
    if JSONValueCount.exceeds(Self.largestValueCount, in: body) {
      throw TATError(
        code: TATError.Code.invalidParameter,
        message:
          "The request body holds more than \(Self.largestValueCount) JSON values; no action takes so many.")
    }
    if !body.isEmpty, let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any],
      let unknown = object.keys.sorted().first(where: { !(Self.parameters[action]?.contains($0) ?? false) })
    {
      throw TATError(code: "UnknownParameter", message: "`\(unknown)` is not a parameter of \(action).")
    }
    return try await call(type, body: body, access: &access)
  }

  /// One action, with its request type known.
  private func call<Request: TATRequest>(_ type: Request.Type, body: Data, access: inout AccessRecord)
    async throws -> Data
  {
    let request: Request
    do {
      request = try JSONDecoder().decode(type, from: body.isEmpty ? Data("{}".utf8) : body)
    } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
      let path = context.codingPath.map(\.stringValue).joined(separator: ".")
      throw TATError(
        code: TATError.Code.invalidParameter,
        message: path.isEmpty
          ? "The request body is not a JSON object of \(Request.action)'s parameters."
          : "`\(path)` has the wrong type.")
    } catch {
      throw TATError(
        code: TATError.Code.invalidParameter,
        message: "The request body is not a JSON object of \(Request.action)'s parameters.")
    }
    access.note(request)
    var response = try await service.send(request)
    access.note(response)
    if response.requestId.isEmpty { response.requestId = RequestID.random() }
    access.requestId = response.requestId
    var writer = JSONWriter(capacity: 64 * 1024)
    writer.object { $0.field(named: "Response", response) }
    return Data(writer.bytes)
  }

  /// Whether `a` and `b` are equal, in a time that does not tell how much of them matched.
  static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
    let (a, b) = (Array(a.utf8), Array(b.utf8))
    guard a.count == b.count else { return false }
    return zip(a, b).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
  }

  private static func part(_ prefix: String, of header: String) -> Substring? {
    guard let range = header.range(of: prefix) else { return nil }
    return header[range.upperBound...].prefix { $0 != "," }
  }

  static func errorEnvelope(code: String, message: String, requestId: String) -> Data {
    var writer = JSONWriter(capacity: 256)
    writer.object {
      $0.field(named: "Response", ErrorAnswer(code: code, message: message, requestId: requestId))
    }
    return Data(writer.bytes)
  }
}

/// The body of one answer, and what the audit log keeps of its request.
public struct GatewayAnswer: Sendable {
  public var body: Data
  public var access: AccessRecord
}

/// `{"Error": {"Code": …, "Message": …}, "RequestId": …}`, the body of every failed answer.
private struct ErrorAnswer: JSONWritable {
  var code: String
  var message: String
  var requestId: String

  func write(to writer: inout JSONWriter) {
    writer.object {
      $0.field(named: "Error", ErrorDetail(code: code, message: message))
      $0.field(named: "RequestId", requestId)
    }
  }

  private struct ErrorDetail: JSONWritable {
    var code: String
    var message: String

    func write(to writer: inout JSONWriter) {
      writer.object {
        $0.field(named: "Code", code)
        $0.field(named: "Message", message)
      }
    }
  }
}
