import Foundation

/// The live line a long fetch shows on a terminal's stderr — records so
/// far (of how many), requests, seconds — and wipes when done. It waits a
/// moment before it appears, so quick pipelines never flicker.
final class ProgressLine {
  private let output: any TextOutput
  private let meter: RequestMeter
  private let startRequests: Int
  private let start = Date()
  private var lastDrawn: Date?
  private var isShown = false
  /// Records the source has produced.
  var records = 0
  /// All records that match, when the API said (`TotalCount`).
  var total: Int?
  /// What a waiting stage reports instead of the record count, e.g. tasks done.
  var status: String?

  private static let delay: TimeInterval = 0.3
  private static let interval: TimeInterval = 0.1

  init(output: any TextOutput, meter: RequestMeter) {
    self.output = output
    self.meter = meter
    startRequests = meter.requests
  }

  /// Redraws, at most ten times a second.
  func update() {
    let now = Date()
    guard now.timeIntervalSince(start) >= Self.delay,
      lastDrawn.map({ now.timeIntervalSince($0) >= Self.interval }) ?? true
    else { return }
    lastDrawn = now
    isShown = true
    let of = total.map { " of \($0)" } ?? ""
    let requests = meter.requests - startRequests
    let subject = status ?? "\(records)\(of) records"
    output.write(
      "\r\u{1B}[K\(subject) · \(requests) request\(requests == 1 ? "" : "s") · "
        + String(format: "%.1f s", now.timeIntervalSince(start)))
    output.flush()
  }

  /// Wipes the line.
  func finish() {
    guard isShown else { return }
    output.write("\r\u{1B}[K")
    output.flush()
  }
}

/// Counts the records a source hands on, for the progress line.
final class ProgressTap: RecordStream {
  private let upstream: any RecordStream
  private let progress: ProgressLine

  init(_ upstream: any RecordStream, progress: ProgressLine) {
    self.upstream = upstream
    self.progress = progress
  }

  func nextPage() async throws -> [Record]? {
    let page = try await upstream.nextPage()
    progress.records += page?.count ?? 0
    progress.update()
    return page
  }
}
