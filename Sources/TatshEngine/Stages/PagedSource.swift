import TATCore

/// A source that reads an API listing page by page: ids in batches of 100,
/// or `Limit`/`Offset` paging until `TotalCount` is reached or the wanted
/// number of records is in.
final class PagedSource: RecordStream {
  /// One request: the ids to ask for (or nil for a filtered listing), `Limit` and `Offset`.
  struct Request {
    var ids: [String]?
    var limit: Int
    var offset: Int
  }

  typealias Fetch = (Request) async throws -> (totalCount: Int, records: [Record])

  /// The most the API answers in one page, and the default `Limit`.
  static let pageSize = APILimits.pageSize
  private let fetch: Fetch
  private let limit: Int
  /// Told how many records the listing will give, once the API has said.
  var reportTotal: ((Int) -> Void)?
  private var idBatches: [[String]]?
  private var wanted: Int?
  private var offset = 0
  private var totalCount: Int?
  private var produced = 0

  /// - Parameters:
  ///   - ids: explicit ids, asked for 100 at a time; nil lists everything that matches.
  ///   - wanted: stop after this many records.
  ///   - limit: `Limit` for listings (`set page-size`), at most 100.
  init(ids: [String]?, wanted: Int?, limit: Int = pageSize, fetch: @escaping Fetch) {
    self.fetch = fetch
    self.limit = min(limit, Self.pageSize)
    self.wanted = wanted
    idBatches = ids.map { ids in
      stride(from: 0, to: ids.count, by: Self.pageSize).map {
        Array(ids[$0..<min($0 + Self.pageSize, ids.count)])
      }
    }
  }

  func nextPage() async throws -> [Record]? {
    while true {
      try Task.checkCancellation()
      if let wanted, produced >= wanted { return nil }
      let records: [Record]
      if idBatches != nil {
        guard let batch = idBatches?.first else { return nil }
        idBatches?.removeFirst()
        records = try await fetch(Request(ids: batch, limit: Self.pageSize, offset: 0)).records
      } else {
        if let totalCount, offset >= totalCount { return nil }
        let pageSize = min(limit, wanted.map { $0 - produced } ?? limit)
        let response = try await fetch(Request(ids: nil, limit: pageSize, offset: offset))
        totalCount = response.totalCount
        reportTotal?(min(response.totalCount, wanted ?? .max))
        guard !response.records.isEmpty else { return nil }
        offset += response.records.count
        records = response.records
      }
      let page = wanted.map { Array(records.prefix($0 - produced)) } ?? records
      produced += page.count
      if !page.isEmpty { return page }
    }
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
      var seen: Set<String> = []
      var records: [Record] = []
      for stream in streams {
        while let page = try await stream.nextPage() {
          records += page.filter { seen.insert($0[idField]?.stringValue ?? "").inserted }
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
