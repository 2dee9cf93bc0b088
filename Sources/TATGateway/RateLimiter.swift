import Foundation

/// A token bucket per action: at most `perSecond` requests in any second.
final class RateLimiter: @unchecked Sendable {
  // `buckets` is guarded by `lock`.
  private let lock = NSLock()
  let perSecond: Int
  private var buckets: [String: (tokens: Double, updated: Date)] = [:]

  init(perSecond: Int) {
    self.perSecond = perSecond
  }

  func admit(_ action: String, now: Date) -> Bool {
    lock.withLock {
      var bucket = buckets[action] ?? (Double(perSecond), now)
      bucket.tokens = min(
        Double(perSecond), bucket.tokens + now.timeIntervalSince(bucket.updated) * Double(perSecond))
      bucket.updated = now
      guard bucket.tokens >= 1 else {
        buckets[action] = bucket
        return false
      }
      bucket.tokens -= 1
      buckets[action] = bucket
      return true
    }
  }
}
