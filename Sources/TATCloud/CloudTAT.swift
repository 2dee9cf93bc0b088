import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import Synchronization
import TATCore
import TATSigning
import TatshRelease

/// The TAT API of Tencent Cloud (or of anything that speaks it, such as
/// `tatsh serve`) over HTTPS: signed requests, a 20-a-second pace per
/// action, retries with backoff and jitter for the read-only actions when
/// the service is busy, unreachable or its answer arrives garbled, and
/// errors with their `RequestId`.
public final class CloudTAT: TATService {
  public let settings: CloudSettings
  private let signer: TC3Signer
  let url: String
  private let host: String
  private let limiter: ClientRateLimiter
  private let client: HTTPClient
  let timeout: TimeAmount
  private let reportRetry: (@Sendable (String) -> Void)?
  public let wire: WireTally? = WireTally()

  public static let version = "2020-10-28"
  static let maximumAttempts = 4
  /// Refusals for being over the limit are answered before any work is done, so they are tried longer.
  static let maximumAttemptsWhenLimited = 10
  /// How long a call may take in all, its retries included; one attempt may
  /// take at most half of it, so that a stalled answer can be tried again.
  public static let defaultTimeout: TimeAmount = .seconds(30)
  /// The same, in seconds.
  public static var defaultTimeoutSeconds: Double { Double(defaultTimeout.nanoseconds) / 1e9 }

  public var name: String { "cloud" + (settings.region.map { " \($0)" } ?? "") }
  public var identity: String {
    "\(settings.endpoint)\(settings.region.map { " (\($0))" } ?? "") as \(settings.credentials.maskedSecretId)"
  }
  public var asksBeforeChanges: Bool { true }

  /// One client for the process, never shut down (as `HTTPClient.shared`),
  /// that gives up on an unreachable endpoint after a few seconds.
  public static let sharedClient = HTTPClient(
    eventLoopGroupProvider: .singleton, configuration: clientConfiguration())

  /// How every client of tatsh connects: it gives up on an unreachable endpoint after 3 s, and a
  /// connection that fails fails its attempt at once: `send` tries again itself, with backoff,
  /// and names what failed (a refused port, a certificate) instead of waiting out the connect timeout.
  private static func clientConfiguration() -> HTTPClient.Configuration {
    var configuration = HTTPClient.Configuration()
    configuration.timeout = .init(connect: .seconds(3))
    configuration.connectionPool.retryConnectionEstablishment = false
    return configuration
  }

  /// A client that trusts the certificates in the PEM file at `path` (and
  /// only those), for an endpoint with a certificate of its own such as
  /// `tatsh serve --tls-cert`; one per file for the process, never shut down.
  public static func client(trusting path: String) throws -> HTTPClient {
    try trustingClients.withLock { clients throws(TATError) in
      if let client = clients[path] { return client }
      guard FileManager.default.fileExists(atPath: path) else {
        throw TATError(code: "InvalidParameter", message: "\(path): no such file")
      }
      let certificates: [NIOSSLCertificate]
      do {
        certificates = try NIOSSLCertificate.fromPEMFile(path)
      } catch {
        throw TATError(code: "InvalidParameter", message: "\(path): not a PEM certificate (\(error))")
      }
      guard !certificates.isEmpty else {
        throw TATError(code: "InvalidParameter", message: "\(path): no certificate in the file")
      }
      var configuration = clientConfiguration()
      var tls = TLSConfiguration.makeClientConfiguration()
      tls.trustRoots = .certificates(certificates)
      configuration.tlsConfiguration = tls
      let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
      clients[path] = client
      return client
    }
  }

  private static let trustingClients = Mutex<[String: HTTPClient]>([:])

  /// Against an endpoint whose certificate is in the PEM file at `path`, when one is given.
  /// - Parameter reportRetry: told of each retry (action, why, attempt, wait), for `--verbose`.
  public convenience init(
    settings: CloudSettings, timeout: TimeAmount, trusting path: String?,
    reportRetry: (@Sendable (String) -> Void)? = nil
  ) throws {
    self.init(
      settings: settings, timeout: timeout, client: try path.map(Self.client(trusting:)) ?? Self.sharedClient,
      reportRetry: reportRetry)
  }

  public init(
    settings: CloudSettings, requestsPerSecond: Int = 20, timeout: TimeAmount = CloudTAT.defaultTimeout,
    client: HTTPClient = CloudTAT.sharedClient, reportRetry: (@Sendable (String) -> Void)? = nil
  ) {
    self.timeout = timeout
    self.reportRetry = reportRetry
    self.settings = settings
    signer = TC3Signer(credentials: settings.credentials)
    let endpoint = settings.endpoint
    let hasScheme = endpoint.hasPrefix("http://") || endpoint.hasPrefix("https://")
    url =
      (hasScheme ? endpoint : "https://" + endpoint).trimmingCharacters(in: CharacterSet(charactersIn: "/"))
      + "/"
    // The Host header as the HTTP client sends it, which the signature covers: an IPv6 address in brackets.
    host =
      URL(string: url).map { url in
        url.host.map {
          ($0.contains(":") && !$0.hasPrefix("[") ? "[\($0)]" : $0) + (url.port.map { ":\($0)" } ?? "")
        } ?? endpoint
      } ?? endpoint
    limiter = ClientRateLimiter(perSecond: requestsPerSecond)
    self.client = client
  }

  /// One action, retried while the answer says to try again, all within the
  /// `timeout` budget. An action that changes something is retried only
  /// when it provably did not reach the service (no connection, or refused
  /// as over the limit before any work).
  public func send<Request: TATRequest>(_ request: Request) async throws -> Request.Response {
    let body = try JSONEncoder().encode(request)
    let clock = ContinuousClock()
    let started = clock.now
    let budget = Duration.nanoseconds(timeout.nanoseconds)
    var attempt = 0
    while true {
      attempt += 1
      let remaining = budget - (clock.now - started)
      do {
        // A read may be tried again, so one attempt takes at most half the budget.
        let share = Request.onlyReads ? min(remaining, budget / 2) : remaining
        let response = try await once(
          Request.self, body: body, timeout: share, isWholeBudget: !Request.onlyReads)
        limiter.noteSuccess(Request.action)
        return response
      } catch let failure as Retryable
        where attempt < (failure.isOverLimit ? Self.maximumAttemptsWhenLimited : Self.maximumAttempts)
        && (Request.onlyReads || failure.isOverLimit || !failure.mayHaveReachedService)
      {
        if failure.isOverLimit { limiter.slowDown(Request.action) }
        let backoff = min(8.0, 0.2 * pow(2, Double(attempt - 1))) * Double.random(in: 0.5...1.0)
        let wait = Duration.milliseconds(Int64(backoff * 1000))
        // No retry that could not finish inside the budget.
        guard clock.now - started + wait < budget - .milliseconds(50) else {
          throw Self.final(failure.error, attempts: attempt, budget: budget)
        }
        let maximum = failure.isOverLimit ? Self.maximumAttemptsWhenLimited : Self.maximumAttempts
        reportRetry?(
          "retry \(Request.action): \(Self.summary(of: failure.error)); attempt \(attempt + 1) of \(maximum) in \(String(format: "%.2f", backoff)) s"
        )
        try await Task.sleep(for: wait)
      } catch let failure as Retryable {
        var error = Self.final(failure.error, attempts: attempt, budget: budget, ranOutOfTime: false)
        if !Request.onlyReads, failure.mayHaveReachedService, var unclear = error as? TATError {
          // No answer to a change is not a no: it may have been made.
          unclear.message +=
            "; \(Request.action) may have been carried out all the same: look with invocations before you run it again"
          error = unclear
        }
        throw error
      }
    }
  }

  /// The error a call ends with: after several attempts, how many and within what.
  private static func final(
    _ error: any Error, attempts: Int, budget: Duration, ranOutOfTime: Bool = true
  ) -> any Error {
    guard var error = error as? TATError, attempts > 1 || ranOutOfTime else { return error }
    let seconds = String(format: "%g", budget.seconds)
    error.message +=
      ranOutOfTime
      ? " (tried \(attempts) time\(attempts == 1 ? "" : "s"); another would not fit within \(seconds) s, the --timeout)"
      : " (tried \(attempts) times)"
    return error
  }

  /// A failure in a few words, for the retry line: its code and RequestId, or what went wrong.
  private static func summary(of error: any Error) -> String {
    guard let error = error as? TATError else { return "\(error)" }
    if error.code == "NetworkError" { return error.message }
    return error.code + (error.requestId.map { " (RequestId \($0))" } ?? "")
  }

  /// A failure worth trying again: the service was busy, failed inside, or could not be reached.
  struct Retryable: Error {
    var error: any Error
    /// False only when no connection was made, so the request cannot have been acted on.
    var mayHaveReachedService = true
    var isOverLimit: Bool { (error as? TATError)?.code == "RequestLimitExceeded" }
  }

  /// One signed request for `action`, in its turn of the pace, and its whole
  /// answer within `timeout`; a failure to get one is a `TATError` (wrapped
  /// in `Retryable` when another attempt could succeed). `send` and `probe`
  /// both go through here, so both sign and connect the same way.
  func exchange(action: String, body: Data, timeout: Duration, isWholeBudget: Bool) async throws
    -> AnswerDeadline.Answer
  {
    try await limiter.waitForTurn(action)
    wire?.noteSent()
    defer { limiter.finished(action) }
    let timestamp = Int(Date().timeIntervalSince1970)
    var request = HTTPClientRequest(url: url)
    request.method = .POST
    for (name, value) in signer.headers(
      action: action, version: Self.version, region: settings.region, body: body, host: host,
      timestamp: timestamp, language: "en-US") where name != "Host"
    {
      request.headers.add(name: name, value: value)
    }
    request.headers.add(name: "User-Agent", value: TatshRelease.userAgent)
    request.body = .bytes(ByteBuffer(bytes: body))
    do {
      return try await AnswerDeadline(
        client: client, timeout: .nanoseconds(Int64(timeout.seconds * 1e9))
      )
      .exchange(request)
    } catch let error as CancellationError {
      throw error
    } catch let exceeded as AnswerDeadline.Exceeded {
      let budget =
        isWholeBudget ? String(format: " (--timeout %g s)", Double(self.timeout.nanoseconds) / 1e9) : ""
      let message =
        exceeded.headersArrived
        ? "the answer stalled: not all of it came in time, only its headers and \(exceeded.partialBody.count) bytes of its body\(budget)"
        : "no answer came in time\(budget)"
      throw Retryable(
        error: TATError(
          code: "NetworkError", message: "\(action) to \(url): \(message)",
          requestId: exceeded.requestId))
    } catch let error as TATError {
      throw error
    } catch is HTTPParserError {
      throw Retryable(
        error: TATError(
          code: "NetworkError",
          message: "\(url) answered, but not in HTTP: is another program listening on that port?"))
    } catch {
      if let final = finalFailure(error) { throw final }
      throw Retryable(
        error: TATError(code: "NetworkError", message: "cannot reach \(url): \(Self.reason(error))"),
        mayHaveReachedService: !Self.isConnectionFailure(error))
    }
  }

  private func once<Request: TATRequest>(
    _ type: Request.Type, body: Data, timeout: Duration, isWholeBudget: Bool
  ) async throws
    -> Request.Response
  {
    let answer = try await exchange(
      action: Request.action, body: body, timeout: timeout, isWholeBudget: isWholeBudget)
    return try interpret(Request.self, answer)
  }

  /// The decoded answer to `Request`, or the error its envelope holds
  /// (wrapped in `Retryable` when another attempt could succeed).
  func interpret<Request: TATRequest>(_ type: Request.Type, _ answer: AnswerDeadline.Answer) throws
    -> Request.Response
  {
    let status = answer.status
    let data = answer.body
    if status.code == 200, Self.code(in: data) == "AuthFailure.SignatureExpire" {
      throw Self.clockSkew(answer, data: data)
    }
    let envelope = (try? JSONSerialization.jsonObject(with: data) as? [String: Any])?["Response"]
    if status.code >= 500 {
      let error = (envelope as? [String: Any])?["Error"] as? [String: Any]
      throw Retryable(
        error: TATError(
          code: error?["Code"] as? String ?? "InternalError",
          message: "\(url) answered HTTP \(status.code)"
            + ((error?["Message"] as? String).map { ": \($0)" } ?? ""),
          requestId: (envelope as? [String: Any])?["RequestId"] as? String))
    }
    guard let response = envelope as? [String: Any] else {
      let failure = TATError(
        code: "InternalError",
        message:
          "\(url) answered HTTP \(status.code) without an API envelope: \(String(decoding: data.prefix(120), as: UTF8.self))"
      )
      // A success cut short or garbled on the way is worth another try; a 4xx page is not.
      if status.code / 100 == 2 { throw Retryable(error: failure) }
      throw failure
    }
    if let error = response["Error"] as? [String: Any] {
      let code = error["Code"] as? String ?? "InternalError"
      let failure = TATError(
        code: code, message: (error["Message"] as? String ?? "") + context(of: code),
        requestId: response["RequestId"] as? String)
      if failure.code == "RequestLimitExceeded" { wire?.noteThrottled() }
      if failure.code == "RequestLimitExceeded" || failure.code == "InternalError" {
        throw Retryable(error: failure)
      }
      throw failure
    }
    do {
      return try JSONDecoder().decode(
        Request.Response.self, from: JSONSerialization.data(withJSONObject: response))
    } catch {
      throw TATError(
        code: "InternalError", message: "the answer to \(Request.action) did not decode: \(error)",
        requestId: response["RequestId"] as? String)
    }
  }
}

extension Duration {
  /// The duration in seconds.
  var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
