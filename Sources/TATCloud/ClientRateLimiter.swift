import Foundation

/// Keeps the requests of every pipeline in a process at or below a rate
/// per action, by waiting for a turn rather than failing. An endpoint that
/// still answers `RequestLimitExceeded` (a stricter limit, or another
/// client on the same key) halves the pace for that action; each success
/// wins a little of it back, up to the ceiling.
actor ClientRateLimiter {
  private struct Pace {
    var perSecond: Double
    var nextSlot: Date
  }

  private let ceiling: Double
  private var paces: [String: Pace] = [:]

  init(perSecond: Int) {
    ceiling = Double(max(1, perSecond))
  }

  /// Waits until a request to `action` may go.
  func waitForTurn(_ action: String) async throws {
    let now = Date()
    var pace = paces[action] ?? Pace(perSecond: ceiling, nextSlot: now)
    let slot = max(now, pace.nextSlot)
    pace.nextSlot = slot.addingTimeInterval(1 / pace.perSecond)
    paces[action] = pace
    let wait = slot.timeIntervalSince(now)
    if wait > 0 { try await Task.sleep(nanoseconds: UInt64(wait * 1_000_000_000)) }
  }

  /// The endpoint refused a request to `action` as over its limit.
  func slowDown(_ action: String) {
    let now = Date()
    var pace = paces[action] ?? Pace(perSecond: ceiling, nextSlot: now)
    pace.perSecond = max(1, pace.perSecond / 2)
    pace.nextSlot = max(pace.nextSlot, now.addingTimeInterval(1 / pace.perSecond))
    paces[action] = pace
  }

  /// The endpoint answered a request to `action`.
  func noteSuccess(_ action: String) {
    guard var pace = paces[action], pace.perSecond < ceiling else { return }
    pace.perSecond = min(ceiling, pace.perSecond + 1 / pace.perSecond)
    paces[action] = pace
  }
}
