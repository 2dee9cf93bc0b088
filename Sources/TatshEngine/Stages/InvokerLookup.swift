import TATCore

/// `invoker`: from invocations (or tasks) to the invokers that made them,
/// each once, in order of first appearance. An invocation does not name its
/// invoker; the record of the invoke does (`InvokerRecord.InvocationId`).
/// So for each batch of 100 invocations made by an invoker: the invokers of
/// their commands (DescribeInvokers, a `command-id` filter of 5 values, 100
/// a page, each command asked once), then those invokers' records
/// (DescribeInvokerRecords, 100 ids a call, 100 a page, each page asked
/// once) until every invocation's record is found or they run out.
/// Invocations a user made, and those whose record is not found, are
/// counted and reported at the end.
final class InvokerLookup: RecordStream {
  /// What the incoming records told, as they were read.
  private final class Incoming {
    var seen: Set<String> = []
    var commandOf: [String: String] = [:]
    var madeByUser = 0
  }

  private let batches: IdBatches
  private let incoming = Incoming()
  private let service: any TATService
  private let warn: (SourceWarning) -> Void
  private var invokers: [String: Record] = [:]
  private var invokersOfCommand: [String: [String]] = [:]
  private var invokerOf: [String: String] = [:]
  /// How far the records of each group of invokers have been read: the next `Offset` and the `TotalCount`.
  private var recordsRead: [[String]: (offset: Int, total: Int?)] = [:]
  private var handedOn: Set<String> = []
  private var unmatched: [String] = []
  private var isDone = false

  init(_ upstream: any RecordStream, service: any TATService, warn: @escaping (SourceWarning) -> Void) {
    self.service = service
    self.warn = warn
    let incoming = self.incoming
    batches = IdBatches(upstream) { record in
      guard let invocationId = record["InvocationId"]?.stringValue,
        incoming.seen.insert(invocationId).inserted
      else { return [] }
      guard record["InvocationSource"]?.stringValue == "INVOKER",
        let commandId = record["CommandId"]?.stringValue
      else {
        incoming.madeByUser += 1
        return []
      }
      incoming.commandOf[invocationId] = commandId
      return [invocationId]
    }
  }

  func nextPage() async throws -> [Record]? {
    guard !isDone else { return nil }
    while let batch = try await batches.next() {
      try await describeInvokers(ofCommands: batch.compactMap { incoming.commandOf[$0] })
      try await findRecords(of: batch)
      var page: [Record] = []
      for invocationId in batch {
        guard let invokerId = invokerOf[invocationId], let invoker = invokers[invokerId] else {
          unmatched.append(invocationId)
          continue
        }
        if handedOn.insert(invokerId).inserted { page.append(invoker) }
      }
      if !page.isEmpty { return page }
    }
    isDone = true
    if incoming.madeByUser > 0 {
      let count = incoming.madeByUser
      warn(
        .skipped(
          "\(count) invocation\(count == 1 ? " was" : "s were") made by a user (InvocationSource USER), not by an invoker"
        ))
    }
    if !unmatched.isEmpty {
      warn(
        .skipped(
          "no invoker's record names \(ChangeGate.list(unmatched, showing: 5)) (the invoker or its records are gone)"
        ))
    }
    return nil
  }

  /// The invokers of the commands not asked about yet, five commands a filter.
  private func describeInvokers(ofCommands commands: [String]) async throws {
    var new: [String] = []
    for command in commands where invokersOfCommand[command] == nil && !new.contains(command) {
      new.append(command)
    }
    for start in stride(from: 0, to: new.count, by: APILimits.filterValues) {
      let group = Array(new[start..<min(start + APILimits.filterValues, new.count)])
      for command in group { invokersOfCommand[command] = [] }
      var offset = 0
      while true {
        try Task.checkCancellation()
        let response = try await service.send(
          DescribeInvokersRequest(
            filters: [Filter(name: "command-id", values: group)], limit: APILimits.pageSize, offset: offset))
        for invoker in response.invokerSet where invokers[invoker.invokerId] == nil {
          invokers[invoker.invokerId] = try Record(encoding: invoker)
          invokersOfCommand[invoker.commandId, default: []].append(invoker.invokerId)
        }
        offset += response.invokerSet.count
        if response.invokerSet.isEmpty || offset >= response.totalCount { break }
      }
    }
  }

  /// Reads the records of the invokers of `batch`'s commands until each of
  /// its invocations has been found, going on where an earlier batch stopped.
  private func findRecords(of batch: [String]) async throws {
    var wanted = Set(batch.filter { invokerOf[$0] == nil && incoming.commandOf[$0] != nil })
    var candidates: [String] = []
    for invocationId in batch where wanted.contains(invocationId) {
      for invokerId in invokersOfCommand[incoming.commandOf[invocationId]!] ?? []
      where !candidates.contains(invokerId) {
        candidates.append(invokerId)
      }
    }
    for start in stride(from: 0, to: candidates.count, by: APILimits.ids) where !wanted.isEmpty {
      let group = Array(candidates[start..<min(start + APILimits.ids, candidates.count)]).sorted()
      var (offset, total) = recordsRead[group] ?? (0, nil)
      while !wanted.isEmpty, total.map({ offset < $0 }) ?? true {
        try Task.checkCancellation()
        let response = try await service.send(
          DescribeInvokerRecordsRequest(invokerIds: group, limit: APILimits.pageSize, offset: offset))
        for record in response.invokerRecordSet where !record.invocationId.isEmpty {
          invokerOf[record.invocationId] = record.invokerId
          wanted.remove(record.invocationId)
        }
        offset += response.invokerRecordSet.count
        total = response.invokerRecordSet.isEmpty ? offset : response.totalCount
      }
      recordsRead[group] = (offset, total)
    }
  }
}
