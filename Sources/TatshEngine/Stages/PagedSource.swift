import TATCore

/// A source that reads an API listing page by page: ids in batches of 100,
/// or `Limit`/`Offset` paging until `TotalCount` is reached or the wanted
/// number of records is in. Pages are asked ahead of the consumer
/// (`Readahead`), within the client's request budget. A record seen twice,
/// because the listing moved while it was paged, is handed on once, and a
/// `TotalCount` that changes is reported, never passed over in silence; one
/// that shrank is paged once more from the start, since records shifted
/// towards the front may have slipped between two pages.
final class PagedSource: RecordStream {
  /// One request: the ids to ask for (or nil for a filtered listing), `Limit` and `Offset`.
  struct Request: Sendable {
    var ids: [String]?
    var limit: Int
    var offset: Int
  }

  typealias Fetch = @Sendable (Request) async throws -> (totalCount: Int, records: [Record])

  /// The most the API answers in one page, and the default `Limit`.
  static let pageSize = APILimits.pageSize
  private let fetch: Fetch
  private let limit: Int
  private let idField: String
  private let key: (Record) -> String?
  /// Told how many records the listing will give, once the API has said.
  var reportTotal: ((Int) -> Void)?
  /// Told when the listing changed while it was paged, or named ids were not found.
  var warn: ((SourceWarning) -> Void)?
  private var idBatches: [[String]]?
  private var wanted: Int?
  private var nextOffset = 0
  private var firstTotal: Int?
  private var latestTotal: Int?
  private var produced = 0
  private var seen = SeenIds()
  /// Ids asked for by name that no answer has held yet: reported at the end, not passed over in silence.
  private var unanswered: Set<String>?
  private var duplicates = 0
  private var isRescanning = false
  private let readahead = Readahead<(totalCount: Int, records: [Record])>()

  /// - Parameters:
  ///   - ids: explicit ids, asked for 100 at a time; nil lists everything that matches.
  ///   - wanted: stop after this many records.
  ///   - limit: `Limit` for listings (`set page-size`), at most 100.
  ///   - idField: the field the ids name, to tell which of them no answer held.
  ///   - key: what tells a record from the others, to hand each on once; its `idField` if nil.
  init(
    ids: [String]?, wanted: Int?, limit: Int = pageSize, idField: String, key: ((Record) -> String?)? = nil,
    fetch: @escaping Fetch
  ) {
    self.fetch = fetch
    self.limit = min(limit, Self.pageSize)
    self.wanted = wanted
    self.idField = idField
    self.key = key ?? { $0[idField]?.stringValue }
    unanswered = ids.map(Set.init)
    idBatches = ids.map { ids in
      stride(from: 0, to: ids.count, by: Self.pageSize).map {
        Array(ids[$0..<min($0 + Self.pageSize, ids.count)])
      }
    }
  }

  func nextPage() async throws -> [Record]? {
    while true {
      try Task.checkCancellation()
      if let wanted, produced >= wanted {
        readahead.stop()
        return nil
      }
      guard let response = try await readahead.next(starting: nextRequest) else {
        if startRescanIfShrunk() { continue }
        reportChange()
        reportUnanswered()
        return nil
      }
      if idBatches == nil { noteTotal(response.totalCount) }
      if unanswered != nil {
        for record in response.records { _ = record[idField]?.stringValue.map { unanswered?.remove($0) } }
      }
      var records = response.records.filter { record in
        guard let id = key(record) else { return true }
        return seen.insert(id)
      }
      if !isRescanning { duplicates += response.records.count - records.count }
      if let wanted { records = Array(records.prefix(wanted - produced)) }
      produced += records.count
      if !records.isEmpty { return records }
    }
  }

  /// The next request to start, if any is still needed.
  private func nextRequest() -> Readahead<(totalCount: Int, records: [Record])>.Request? {
    let fetch = self.fetch
    if idBatches != nil {
      guard let batch = idBatches?.first else { return nil }
      idBatches?.removeFirst()
      let request = Request(ids: batch, limit: Self.pageSize, offset: 0)
      return { try await fetch(request) }
    }
    if let latestTotal, nextOffset >= latestTotal { return nil }
    let end = wanted.map { $0 + duplicates } ?? .max
    guard nextOffset < end else { return nil }
    let request = Request(ids: nil, limit: min(limit, end - nextOffset), offset: nextOffset)
    nextOffset += request.limit
    return { try await fetch(request) }
  }

  /// Says which ids asked for by name were not found (the API leaves them out without a word).
  private func reportUnanswered() {
    guard let missing = unanswered, !missing.isEmpty else { return }
    unanswered = nil
    warn?(.notFound(missing.sorted()))
  }

  private func noteTotal(_ total: Int) {
    if firstTotal == nil {
      firstTotal = total
      reportTotal?(min(total, wanted ?? .max))
    }
    latestTotal = total
  }

  /// Starts paging again from the start when the listing shrank: once.
  private func startRescanIfShrunk() -> Bool {
    guard idBatches == nil, !isRescanning, let firstTotal, let latestTotal, latestTotal < firstTotal,
      wanted.map({ produced < $0 }) ?? true
    else { return false }
    isRescanning = true
    nextOffset = 0
    return true
  }

  private func reportChange() {
    guard let firstTotal, let latestTotal, firstTotal != latestTotal || duplicates > 0 else { return }
    var message = "the listing changed while it was paged (TotalCount \(firstTotal), then \(latestTotal))"
    if duplicates > 0 { message += "; \(duplicates) record(s) seen twice were handed on once" }
    if isRescanning { message += "; it was paged again from the start so that none was skipped" }
    warn?(.listingChanged(message + "; run it again for a settled answer"))
  }
}

/// Several listings of the same action merged: each record once (by id),
/// newest first, as one listing would have answered.
final class MergedSource: RecordStream {
  private var streams: [any RecordStream]
  private let idField: String
  private let wanted: Int?
  private var merged: [Record]?

  init(_ streams: [any RecordStream], idField: String, wanted: Int?) {
    self.streams = streams
    self.idField = idField
    self.wanted = wanted
  }

  func nextPage() async throws -> [Record]? {
    if merged == nil {
      var seen = SeenIds()
      var records: [Record] = []
      for stream in streams {
        while let page = try await stream.nextPage() {
          records += page.filter { seen.insert($0[idField]?.stringValue ?? "") }
        }
      }
      streams = []
      let sorted = records.enumerated().sorted { left, right in
        let a = left.element["CreatedTime"]?.text ?? ""
        let b = right.element["CreatedTime"]?.text ?? ""
        return a != b ? a > b : left.offset < right.offset
      }.map(\.element)
      merged = wanted.map { Array(sorted.prefix($0)) } ?? sorted
    }
    guard let remaining = merged, !remaining.isEmpty else { return nil }
    let page = Array(remaining.prefix(PagedSource.pageSize))
    merged = Array(remaining.dropFirst(page.count))
    return page
  }
}
