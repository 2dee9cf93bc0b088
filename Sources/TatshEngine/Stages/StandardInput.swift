import Foundation

/// The process's standard input as JSON records (`from json`), read once:
/// planning takes the first record to learn its kind, and the pipeline
/// then hands on every record as it arrives.
final class StandardInput: @unchecked Sendable {
  static let shared = StandardInput()

  // `source` and `held` are guarded by `lock`.
  private let lock = NSLock()
  private let source = JSONFileSource(handle: .standardInput, name: "<stdin>")
  /// Records read while planning, handed on first.
  private var held: [Record] = []

  /// The kind of the first record, which waits for it to arrive.
  func firstRecordKind() throws -> RecordKind? {
    try lock.withLock {
      // The first record only: a mistake further on is the pipeline's, found as it runs.
      if held.isEmpty, let first = try source.readAll(limit: 1) { held = first }
      return held.first.flatMap(JSONFileSource.kind(of:))
    }
  }

  /// The next records: those held, then what has arrived; nil at the end.
  func nextPage() throws -> [Record]? {
    try lock.withLock {
      if !held.isEmpty {
        defer { held = [] }
        return held
      }
      return try source.readAll()
    }
  }
}

/// The records of standard input, as a stream.
final class StandardInputStream: RecordStream {
  func nextPage() async throws -> [Record]? {
    try Task.checkCancellation()
    return try StandardInput.shared.nextPage()
  }
}
