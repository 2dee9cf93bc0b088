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

/// `command`: adds each record's command, as the field `Command`, asking
/// for every command id once, 100 at a time.
final class CommandJoin: RecordStream {
  private let upstream: any RecordStream
  private let service: any TATService
  private var commands: [String: Value] = [:]

  init(_ upstream: any RecordStream, service: any TATService) {
    self.upstream = upstream
    self.service = service
  }

  func nextPage() async throws -> [Record]? {
    guard let page = try await upstream.nextPage() else { return nil }
    var missing: [String] = []
    for record in page {
      if let id = record["CommandId"]?.stringValue, commands[id] == nil, !missing.contains(id) {
        missing.append(id)
      }
    }
    for start in stride(from: 0, to: missing.count, by: PagedSource.pageSize) {
      try Task.checkCancellation()
      let batch = Array(missing[start..<min(start + PagedSource.pageSize, missing.count)])
      let response = try await service.describeCommands(
        DescribeCommandsRequest(commandIds: batch, limit: PagedSource.pageSize))
      for command in response.commandSet {
        commands[command.commandId] = .object(try Record(encoding: command))
      }
      for id in batch where commands[id] == nil { commands[id] = .null }
    }
    return page.map { record in
      var joined = record
      joined["Command"] = record["CommandId"]?.stringValue.flatMap { commands[$0] } ?? .null
      return joined
    }
  }
}
