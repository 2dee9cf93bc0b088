import TATCore

/// The `tasks` stage: from invocations to their tasks. Task ids come from
/// each invocation's `InvocationTaskBasicInfoSet` and are asked for 100 at a
/// time; a condition on the basic info drops tasks before any is fetched.
final class TaskFanOut: RecordStream {
  private let upstream: any RecordStream
  private let service: any TATService
  private let prefilter: Condition?
  private var pending: [String] = []
  private var upstreamIsDone = false

  init(_ upstream: any RecordStream, service: any TATService, prefilter: Condition?) {
    self.upstream = upstream
    self.service = service
    self.prefilter = prefilter
  }

  func nextPage() async throws -> [Record]? {
    while true {
      while pending.count < PagedSource.pageSize, !upstreamIsDone {
        guard let page = try await upstream.nextPage() else {
          upstreamIsDone = true
          break
        }
        for invocation in page { collectTaskIds(of: invocation) }
      }
      guard !pending.isEmpty else { return nil }
      let batch = Array(pending.prefix(PagedSource.pageSize))
      pending.removeFirst(batch.count)
      try Task.checkCancellation()
      let response = try await service.describeInvocationTasks(
        DescribeInvocationTasksRequest(
          invocationTaskIds: batch, limit: PagedSource.pageSize, hideOutput: false))
      let byId = Dictionary(
        response.invocationTaskSet.map { ($0.invocationTaskId, $0) }, uniquingKeysWith: { first, _ in first })
      let records = try batch.compactMap { id in try byId[id].map { try Record(encoding: $0) } }
      if !records.isEmpty { return records }
    }
  }

  private func collectTaskIds(of invocation: Record) {
    guard case .array(let infos) = invocation["InvocationTaskBasicInfoSet"] else { return }
    for case .object(var info) in infos {
      guard let id = info["InvocationTaskId"]?.stringValue else { continue }
      if let prefilter {
        if let invocationId = invocation["InvocationId"] { info["InvocationId"] = invocationId }
        guard prefilter.matches(info) else { continue }
      }
      pending.append(id)
    }
  }
}
