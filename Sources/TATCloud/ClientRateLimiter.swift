import Foundation

/// Keeps the requests of every pipeline in a process at or below a rate
/// per action, by waiting for a turn rather than failing.
actor ClientRateLimiter {
  private let perSecond: Double
  private var nextSlot: [String: Date] = [:]

  init(perSecond: Int) {
    self.perSecond = Double(perSecond)
  }

  /// Waits until a request to `action` may go.
  func waitForTurn(_ action: String) async throws {
    let now = Date()
    let slot = max(now, nextSlot[action] ?? now)
    nextSlot[action] = slot.addingTimeInterval(1 / perSecond)
    let wait = slot.timeIntervalSince(now)
    if wait > 0 { try await Task.sleep(nanoseconds: UInt64(wait * 1_000_000_000)) }
  }
}
