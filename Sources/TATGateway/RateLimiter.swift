import Foundation

/// At most `perSecond` requests of an action in any rolling second, as the
/// API counts them: no burst on top of a refill, so that a client tested
/// against `serve` is held to the strictest reading of the limit.
final class RateLimiter: @unchecked Sendable {
  // `admitted` is guarded by `lock`.
  private let lock = NSLock()
  let perSecond: Int
  /// Per action, the times of the last `perSecond` admitted requests, as a ring.
  private var admitted: [String: (times: [Date], next: Int)] = [:]

  init(perSecond: Int) {
    self.perSecond = perSecond
  }

  /// Whether a request to `action` at `now` keeps within the limit; if so, it is counted.
  func admit(_ action: String, now: Date) -> Bool {
    lock.withLock {
      var ring = admitted[action] ?? ([], 0)
      if ring.times.count < perSecond {
        ring.times.append(now)
      } else {
        // The oldest of the last `perSecond` must be a whole second old.
        guard now.timeIntervalSince(ring.times[ring.next]) >= 1 else { return false }
        ring.times[ring.next] = now
        ring.next = (ring.next + 1) % perSecond
      }
      admitted[action] = ring
      return true
    }
  }
}
