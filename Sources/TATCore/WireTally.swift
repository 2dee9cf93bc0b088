import Synchronization

/// What a backend's calls took on the wire: every request sent, retries
/// included, and how many of them the service refused as over its limit.
/// `set timing on` shows them beside the calls the pipeline made.
public final class WireTally: Sendable {
  /// A moment's counts.
  public struct Counts: Sendable, Equatable {
    public var sent = 0
    public var throttled = 0

    public static func - (later: Counts, earlier: Counts) -> Counts {
      Counts(sent: later.sent - earlier.sent, throttled: later.throttled - earlier.throttled)
    }
  }

  private let counts = Mutex(Counts())

  public init() {}

  public var current: Counts { counts.withLock { $0 } }

  public func noteSent() { counts.withLock { $0.sent += 1 } }
  public func noteThrottled() { counts.withLock { $0.throttled += 1 } }
}
