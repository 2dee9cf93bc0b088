import Foundation
import TATCore

/// Waits for invocations to finish, asking the API a few times a second,
/// and keeps the live status line up to date.
struct InvocationWaiter {
  let service: any TATService
  let progress: ProgressLine?
  /// For a tenth of a second it looks every few milliseconds, for quick
  /// commands; then it backs off to five times a second.
  static let firstInterval: UInt64 = 2_000_000
  static let longestInterval: UInt64 = 200_000_000
  /// Seconds of looking every few milliseconds before backing off.
  static let quickPhase = 0.1

  /// The invocations, once every one of them has finished.
  func finished(_ invocationIds: [String]) async throws -> [Invocation] {
    var interval = Self.firstInterval
    let begun = Date()
    while true {
      var invocations: [Invocation] = []
      for start in stride(from: 0, to: invocationIds.count, by: APILimits.ids) {
        let ids = Array(invocationIds[start..<min(start + APILimits.ids, invocationIds.count)])
        invocations += try await service.describeInvocations(
          DescribeInvocationsRequest(invocationIds: ids, limit: APILimits.pageSize)
        ).invocationSet
      }
      let tasks = invocations.flatMap(\.invocationTaskBasicInfoSet)
      let done = tasks.filter { TaskStatus(rawValue: $0.taskStatus)?.isFinished ?? true }
      let statuses = Dictionary(grouping: done, by: \.taskStatus).map { "\($0.value.count) \($0.key)" }
        .sorted()
      let label = invocationIds.count == 1 ? invocationIds[0] : "\(invocationIds.count) invocations"
      progress?.status =
        "\(label): \(done.count) of \(tasks.count) tasks done"
        + (statuses.isEmpty ? "" : " (\(statuses.joined(separator: ", ")))")
      progress?.update()
      let allFinished =
        invocations.count == invocationIds.count
        && invocations.allSatisfy { InvocationStatus(rawValue: $0.invocationStatus)?.isFinished ?? true }
      if allFinished { return invocations }
      try await Task.sleep(nanoseconds: interval)
      if Date().timeIntervalSince(begun) > Self.quickPhase {
        interval = min(Self.longestInterval, interval + interval / 4)
      }
    }
  }

  /// Every task of `invocationId`, with output.
  func tasks(of invocationId: String) async throws -> [InvocationTask] {
    var tasks: [InvocationTask] = []
    while true {
      let page = try await service.describeInvocationTasks(
        DescribeInvocationTasksRequest(
          filters: [Filter(name: "invocation-id", values: [invocationId])], limit: APILimits.pageSize,
          offset: tasks.count, hideOutput: false))
      tasks += page.invocationTaskSet
      if page.invocationTaskSet.isEmpty || tasks.count >= page.totalCount { return tasks }
    }
  }
}
