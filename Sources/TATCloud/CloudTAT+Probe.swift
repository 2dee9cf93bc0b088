import Foundation
import TATCore

extension CloudTAT {
  /// What one signed call learnt of the endpoint: how long it took, the
  /// server's time and the answer's `RequestId`, and the error the API
  /// answered with, if any. `tatsh doctor` reads the clock skew from it,
  /// which `send`, returning only the decoded answer, cannot tell.
  public struct Probe: Sendable {
    /// The action that was called.
    public var action: String
    /// From sending the request to having the whole answer.
    public var latency: Duration
    /// The answer's `Date` header as it came, if it had one that parses.
    public var dateHeader: String?
    /// How many seconds this machine's clock is ahead of the server's
    /// (negative: behind), measured at the middle of the exchange against the
    /// middle of the second the `Date` header names; nil without one. The
    /// header counts whole seconds, and servers often reuse it for a second
    /// (Hummingbird does), so this is good to a second or two.
    public var clockSkew: Double?
    /// The answer's `RequestId`, if it had one.
    public var requestId: String?
    /// The API's error, when it answered with one (a bad key, a region it
    /// does not serve, a signature it holds expired); nil when it answered the call.
    public var failure: TATError?
  }

  /// Makes one signed call of `request`, as `send` makes each attempt (the
  /// same signing, connection and deadline), but once, without retrying,
  /// within the whole `timeout`. Throws a `TATError` only when no answer
  /// came (the endpoint cannot be reached, or did not answer in time).
  public func probe<Request: TATRequest>(_ request: Request) async throws -> Probe {
    let body = try JSONEncoder().encode(request)
    let clock = ContinuousClock()
    let sent = Date()
    let started = clock.now
    let answer: AnswerDeadline.Answer
    do {
      answer = try await exchange(
        action: Request.action, body: body, timeout: .nanoseconds(timeout.nanoseconds), isWholeBudget: true)
    } catch let failure as Retryable {
      throw failure.error
    }
    let latency = clock.now - started
    let middle = sent.addingTimeInterval(latency.seconds / 2)
    let server = Self.serverTime(in: answer.headers)
    var probe = Probe(
      action: Request.action, latency: latency, dateHeader: server?.header,
      clockSkew: server.map { middle.timeIntervalSince($0.time.addingTimeInterval(0.5)) },
      requestId: Self.requestId(in: answer.body))
    do {
      _ = try interpret(Request.self, answer)
    } catch let failure as Retryable {
      probe.failure =
        failure.error as? TATError ?? TATError(code: "InternalError", message: "\(failure.error)")
    } catch let failure as TATError {
      probe.failure = failure
    } catch {
      probe.failure = TATError(code: "InternalError", message: "\(error)")
    }
    return probe
  }

  /// The `RequestId` of an API envelope, if it is one.
  static func requestId(in data: Data) -> String? {
    guard data.count < 64 * 1024,
      let response = (try? JSONSerialization.jsonObject(with: data) as? [String: Any])?["Response"]
        as? [String: Any]
    else { return nil }
    return response["RequestId"] as? String
  }
}
