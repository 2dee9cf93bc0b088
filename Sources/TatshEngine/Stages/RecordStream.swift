/// Records flowing between stages, a page (an array) at a time: memory stays
/// flat whatever the size of the result, and a consumer that has enough
/// simply stops asking.
public protocol RecordStream: AnyObject {
  /// The next page, or nil when the stream is done. Pages may be empty only at the end.
  func nextPage() async throws -> [Record]?
}

/// A stream over records already in memory.
final class ArrayStream: RecordStream {
  private var pages: [[Record]]

  init(_ records: [Record]) {
    pages = records.isEmpty ? [] : [records]
  }

  func nextPage() async throws -> [Record]? {
    pages.isEmpty ? nil : pages.removeFirst()
  }
}

/// A stream that fails at once: a source that could not start.
final class FailedStream: RecordStream {
  private let error: any Error

  init(_ error: any Error) {
    self.error = error
  }

  func nextPage() async throws -> [Record]? { throw error }
}
