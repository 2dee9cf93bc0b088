/// Requests started ahead of the consumer and answered in order: the window
/// opens from one request to `maximum` as pages are consumed, so a pipeline
/// that stops early has asked for little, and one that reads everything
/// keeps the API's request budget busy however slow each answer is.
final class Readahead<Answer: Sendable> {
  typealias Request = @Sendable () async throws -> Answer

  private var inFlight: [Task<Answer, any Error>] = []
  private var window = 1
  private let maximum: Int
  private var isStopped = false

  init(maximum: Int = Readahead.defaultMaximum) {
    self.maximum = max(1, maximum)
  }

  /// Pages asked ahead at most: 20 a second at 500 ms an answer.
  static var defaultMaximum: Int { 10 }

  /// The next answer, starting further requests from `nextRequest` (nil when
  /// there are none for now) while the window has room; nil when nothing is
  /// in flight and no request is left to start.
  func next(starting nextRequest: () async throws -> Request?) async throws -> Answer? {
    while inFlight.count < window, !isStopped, let request = try await nextRequest() {
      inFlight.append(Task { try await request() })
    }
    guard !inFlight.isEmpty else { return nil }
    let first = inFlight.removeFirst()
    window = min(maximum, window * 2)
    return try await withTaskCancellationHandler {
      try await first.value
    } onCancel: {
      first.cancel()
    }
  }

  /// Stops asking: later requests will not start, those in flight are cancelled.
  func stop() {
    isStopped = true
    for task in inFlight { task.cancel() }
    inFlight = []
  }

  deinit {
    for task in inFlight { task.cancel() }
  }
}
