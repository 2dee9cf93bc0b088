import Foundation

/// Keeps the requests of every pipeline in a process under the API's limit
/// per action, by waiting for a turn rather than failing.
///
/// The rule the API enforces is a rolling one: at most `perSecond` requests
/// of an action in any one-second window, counted when they arrive. Arrival
/// cannot be seen from here, but it is bounded: a request arrives after it
/// is sent and before its answer comes back. So a request is sent only while
/// fewer than `perSecond` others are in flight or were answered within the
/// last window: then any two requests `perSecond` apart arrive more than a
/// second apart, whatever the network does. An endpoint that still answers
/// `RequestLimitExceeded` (a stricter limit, or another client on the same
/// key) halves the allowance for that action; each success wins a little of
/// it back, up to the ceiling.
final class ClientRateLimiter: @unchecked Sendable {
  private struct Allowance {
    var requests: Double
    var inFlight = 0
    /// When answers came back within the last window, oldest first.
    var answered: [ContinuousClock.Instant] = []
  }

  /// A second, and a little more for the server's own clock and rounding.
  static let window = Duration.milliseconds(1_010)

  // `allowances` is guarded by `lock`.
  private let lock = NSLock()
  private let ceiling: Double
  private var allowances: [String: Allowance] = [:]

  init(perSecond: Int) {
    ceiling = Double(max(1, perSecond))
  }

  /// Waits until a request to `action` may go, and counts it as in flight
  /// until `finished(_:)` is called for it.
  func waitForTurn(_ action: String) async throws {
    while true {
      let wait: Duration? = lock.withLock {
        let now = ContinuousClock.now
        var allowance = allowances[action] ?? Allowance(requests: ceiling)
        allowance.answered.removeAll { now - $0 >= Self.window }
        defer { allowances[action] = allowance }
        guard Double(allowance.inFlight + allowance.answered.count) >= allowance.requests.rounded(.down)
        else {
          allowance.inFlight += 1
          return nil
        }
        // The oldest answer leaves the window first; an answer still to come may free a turn sooner.
        let untilOldest = allowance.answered.first.map { Self.window - (now - $0) } ?? .milliseconds(10)
        return min(untilOldest, .milliseconds(10))
      }
      guard let wait else { return }
      try await Task.sleep(for: wait)
    }
  }

  /// The request to `action` that `waitForTurn` let go has been answered
  /// (or has failed): its turn is freed one window from now.
  func finished(_ action: String) {
    lock.withLock {
      allowances[action]?.inFlight -= 1
      allowances[action]?.answered.append(.now)
    }
  }

  /// The endpoint refused a request to `action` as over its limit.
  func slowDown(_ action: String) {
    lock.withLock {
      var allowance = allowances[action] ?? Allowance(requests: ceiling)
      allowance.requests = max(1, allowance.requests / 2)
      allowances[action] = allowance
    }
  }

  /// The endpoint answered a request to `action`.
  func noteSuccess(_ action: String) {
    lock.withLock {
      guard var allowance = allowances[action], allowance.requests < ceiling else { return }
      allowance.requests = min(ceiling, allowance.requests + 1 / allowance.requests)
      allowances[action] = allowance
    }
  }
}
