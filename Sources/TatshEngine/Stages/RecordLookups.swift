import TATCore

/// `invocation`: from tasks to the invocations they belong to, each once,
/// in order of first appearance, asked for 100 ids at a time.
final class InvocationLookup: RecordStream {
  private let batches: IdBatches
  private let service: any TATService

  init(_ upstream: any RecordStream, service: any TATService) {
    self.service = service
    var seen: Set<String> = []
    batches = IdBatches(upstream) { task in
      task["InvocationId"]?.stringValue.flatMap { seen.insert($0).inserted ? [$0] : nil } ?? []
    }
  }

  func nextPage() async throws -> [Record]? {
    while let batch = try await batches.next() {
      let response = try await service.describeInvocations(
        DescribeInvocationsRequest(invocationIds: batch, limit: PagedSource.pageSize))
      let byId = Dictionary(response.invocationSet.map { ($0.invocationId, $0) }) { first, _ in first }
      let records = try batch.compactMap { id in try byId[id].map { try Record(encoding: $0) } }
      if !records.isEmpty { return records }
    }
    return nil
  }
}

/// `command`, `agent`: adds each record's record of `kind` (the one its
/// `kind.idField` names) as the field `kind.joinedAs`, null where the API has
/// none, asking for every id once, 100 at a time.
final class RecordJoin: RecordStream {
  private let upstream: any RecordStream
  private let kind: RecordKind
  private let service: any TATService
  private var joined: [String: Value] = [:]

  init(_ upstream: any RecordStream, kind: RecordKind, service: any TATService) {
    self.upstream = upstream
    self.kind = kind
    self.service = service
  }

  func nextPage() async throws -> [Record]? {
    guard let page = try await upstream.nextPage() else { return nil }
    let idField = kind.idField
    var missing: [String] = []
    for record in page {
      if let id = record[idField]?.stringValue, joined[id] == nil, !missing.contains(id) {
        missing.append(id)
      }
    }
    for start in stride(from: 0, to: missing.count, by: PagedSource.pageSize) {
      try Task.checkCancellation()
      let batch = Array(missing[start..<min(start + PagedSource.pageSize, missing.count)])
      let (_, records) = try await kind.listing.fetch(
        service, batch, nil, PagedSource.Request(ids: batch, limit: PagedSource.pageSize, offset: 0))
      for record in records {
        if let id = record[idField]?.stringValue { joined[id] = .object(record) }
      }
      for id in batch where joined[id] == nil { joined[id] = .null }
    }
    let field = kind.joinedAs!
    return page.map { record in
      var result = record
      result[field] = record[idField]?.stringValue.flatMap { joined[$0] } ?? .null
      return result
    }
  }
}
