import TATCore

/// `enable`, `disable`: turns on or off the schedule of each invoker named
/// by the records it gets (invokers, or their records), each once, one call
/// an invoker; hands on the invokers as they stand after. Asks first as
/// every change does (`ChangeGate`).
final class InvokerSwitchStream<Request: InvokerSwitchRequest>: RecordStream {
  private let upstream: any RecordStream
  private let options: ChangeOptions
  private let service: any TATService
  private let gate: ChangeGate
  private var isDone = false

  init(_ upstream: any RecordStream, options: ChangeOptions, service: any TATService, gate: ChangeGate) {
    self.upstream = upstream
    self.options = options
    self.service = service
    self.gate = gate
  }

  func nextPage() async throws -> [Record]? {
    guard !isDone else { return nil }
    isDone = true
    var ids: [String] = []
    var seen: Set<String> = []
    while let page = try await upstream.nextPage() {
      for record in page {
        if let id = record["InvokerId"]?.stringValue, seen.insert(id).inserted { ids.append(id) }
      }
    }
    let name = Request.enables ? "enable" : "disable"
    guard !ids.isEmpty else {
      gate.reportNothing("\(name): no invokers came in; nothing was \(name)d")
      return nil
    }
    let requests = ids.map { Request(invokerId: $0) }
    let summary =
      "\(name): \(Request.action) on \(ids.count) invoker\(ids.count == 1 ? "" : "s") (\(ChangeGate.list(ids)))"
    guard
      try gate.allows(
        summary, calls: requests.map { (Request.action, $0) }, service: service,
        isConfirmed: options.isConfirmed)
    else { return nil }
    for request in requests { _ = try await service.send(request) }
    var after: [Record] = []
    for start in stride(from: 0, to: ids.count, by: APILimits.ids) {
      let batch = Array(ids[start..<min(start + APILimits.ids, ids.count)])
      after += try await service.send(DescribeInvokersRequest(invokerIds: batch, limit: APILimits.pageSize))
        .invokerSet.map { try Record(encoding: $0) }
    }
    return after
  }
}
