import TATCore

/// The records of a listing whose ids each name many records
/// (DescribeInvokerRecords: an invoker's records): each batch of at most
/// 100 ids is paged with `Limit` and `Offset` until its `TotalCount`, one
/// batch after another. An id with no records is no mistake (an invoker
/// that has not run yet), so none is reported as not found.
final class GroupedListing: RecordStream {
  /// The next batch of ids, or nil when there are no more.
  typealias Batches = () async throws -> [String]?

  private let kind: RecordKind
  private let nextBatch: Batches
  private let pageSize: Int
  private let wanted: Int?
  private let fetch:
    @Sendable ([String], PagedSource.Request) async throws -> (totalCount: Int, records: [Record])
  private var current: PagedSource?
  private var produced = 0
  /// Told when the listing of a batch changed while it was paged.
  var warn: ((SourceWarning) -> Void)?

  init(
    _ kind: RecordKind, service: any TATService, pageSize: Int = PagedSource.pageSize, wanted: Int? = nil,
    batches: @escaping Batches
  ) {
    self.kind = kind
    nextBatch = batches
    self.pageSize = pageSize
    self.wanted = wanted
    let listing = kind.listing
    fetch = { ids, page in try await listing.fetch(service, ids, nil, page) }
  }

  /// The batches of at most 100 of `ids`, in order.
  static func batches(of ids: [String]) -> Batches {
    var remaining = ids[...]
    return {
      guard !remaining.isEmpty else { return nil }
      let batch = Array(remaining.prefix(PagedSource.pageSize))
      remaining = remaining.dropFirst(batch.count)
      return batch
    }
  }

  func nextPage() async throws -> [Record]? {
    while true {
      if let wanted, produced >= wanted { return nil }
      if current == nil {
        guard let batch = try await nextBatch() else { return nil }
        let fetch = self.fetch
        let kind = self.kind
        let source = PagedSource(
          ids: nil, wanted: wanted.map { $0 - produced }, limit: pageSize, idField: kind.idField,
          key: { kind.key(of: $0) }
        ) { page in try await fetch(batch, page) }
        source.warn = warn
        current = source
      }
      if let page = try await current?.nextPage() {
        produced += page.count
        return page
      }
      current = nil
    }
  }
}
