import Synchronization

/// What a server answered since it started: requests per action and errors
/// per code, for the line `tatsh serve` prints when it stops.
public final class RequestTally: Sendable {
  private struct Counts {
    var answered: [String: Int] = [:]
    var refused: [String: Int] = [:]
  }

  private let counts = Mutex(Counts())

  public init() {}

  func count(action: String?, error code: String?) {
    counts.withLock { counts in
      counts.answered[action ?? "(no action)", default: 0] += 1
      if let code { counts.refused[code, default: 0] += 1 }
    }
  }

  /// Requests answered by action, then errors by code: `412 requests (DescribeInvocations 20, …); errors: RequestLimitExceeded 3`.
  public var summary: String {
    counts.withLock { counts in
      let total = counts.answered.values.reduce(0, +)
      let actions = counts.answered.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
      let errors = counts.refused.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
      return "\(total) request\(total == 1 ? "" : "s")"
        + (actions.isEmpty ? "" : " (\(actions.joined(separator: ", ")))")
        + "; errors: " + (errors.isEmpty ? "none" : errors.joined(separator: ", "))
    }
  }
}
