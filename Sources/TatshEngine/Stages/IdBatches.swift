/// Ids gathered from the records of an upstream stage and handed out 100 at
/// a time, pulling no more upstream pages than a batch needs. The stages
/// that look records up by id (`tasks`, `invocation`) read through it.
final class IdBatches {
  private let upstream: any RecordStream
  private let ids: (Record) -> [String]
  private var pending: [String] = []
  private var upstreamIsDone = false

  /// - Parameter ids: the ids to look up for one upstream record, in order.
  init(_ upstream: any RecordStream, ids: @escaping (Record) -> [String]) {
    self.upstream = upstream
    self.ids = ids
  }

  /// The next batch of at most 100 ids, or nil when upstream is spent.
  func next() async throws -> [String]? {
    while pending.count < PagedSource.pageSize, !upstreamIsDone {
      guard let page = try await upstream.nextPage() else {
        upstreamIsDone = true
        break
      }
      for record in page { pending += ids(record) }
    }
    guard !pending.isEmpty else { return nil }
    let batch = Array(pending.prefix(PagedSource.pageSize))
    pending.removeFirst(batch.count)
    try Task.checkCancellation()
    return batch
  }
}
