import TATCore

/// The `tasks` stage: from invocations to their tasks. Task ids come from
/// each invocation's `InvocationTaskBasicInfoSet` and are asked for 100 at a
/// time, several batches ahead; a condition on the basic info drops tasks
/// before any is fetched.
final class TaskFanOut: RecordStream {
  private let batches: IdBatches
  private let service: any TATService
  private let readahead = Readahead<[Record]>()

  init(_ upstream: any RecordStream, service: any TATService, prefilter: Condition?) {
    self.service = service
    batches = IdBatches(upstream) { invocation in Self.taskIds(of: invocation, passing: prefilter) }
  }

  func nextPage() async throws -> [Record]? {
    while let records = try await readahead.next(starting: nextRequest) {
      if !records.isEmpty { return records }
    }
    return nil
  }

  /// The request for the next batch of ids: their tasks, in the order of the ids.
  private func nextRequest() async throws -> Readahead<[Record]>.Request? {
    guard let batch = try await batches.next() else { return nil }
    let service = self.service
    return {
      let response = try await service.describeInvocationTasks(
        DescribeInvocationTasksRequest(
          invocationTaskIds: batch, limit: PagedSource.pageSize, hideOutput: false))
      let byId = Dictionary(response.invocationTaskSet.map { ($0.invocationTaskId, $0) }) { first, _ in first
      }
      return try batch.compactMap { id in try byId[id].map { try Record(encoding: $0) } }
    }
  }

  private static func taskIds(of invocation: Record, passing prefilter: Condition?) -> [String] {
    guard case .array(let infos) = invocation["InvocationTaskBasicInfoSet"] else { return [] }
    var ids: [String] = []
    for case .object(var info) in infos {
      guard let id = info["InvocationTaskId"]?.stringValue else { continue }
      if let prefilter {
        if let invocationId = invocation["InvocationId"] { info["InvocationId"] = invocationId }
        guard prefilter.matches(info) else { continue }
      }
      ids.append(id)
    }
    return ids
  }
}
