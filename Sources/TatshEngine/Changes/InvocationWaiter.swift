import Foundation
import TATCore

/// Waits for invocations to finish, asking for all of them in one call (100
/// ids a call), and keeps the live status line up to date.
///
/// On the embedded backend, where a look costs a local read, it looks every
/// few milliseconds for a tenth of a second, for quick commands, then five
/// times a second. On the cloud, where every look spends the action's 20
/// calls a second that every pipeline of the process shares, it looks after
/// 0.25 s, doubling to 2 s, and starts again at 0.25 s when a task's state changes.
struct InvocationWaiter {
  let service: any TATService
  let progress: ProgressLine?
  static let firstInterval: UInt64 = 2_000_000
  static let longestInterval: UInt64 = 200_000_000
  /// Seconds of looking every few milliseconds before backing off.
  static let quickPhase = 0.1
  static let firstCloudInterval: UInt64 = 250_000_000
  static let longestCloudInterval: UInt64 = 2_000_000_000

  /// The invocations, once every one of them has finished.
  func finished(_ invocationIds: [String]) async throws -> [Invocation] {
    let isLocal = !service.asksBeforeChanges
    var interval = isLocal ? Self.firstInterval : Self.firstCloudInterval
    var lastStatus = ""
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
      let status = "\(done.count) \(statuses)"
      if !isLocal, status != lastStatus { interval = Self.firstCloudInterval }
      lastStatus = status
      try await Task.sleep(nanoseconds: interval)
      if !isLocal {
        interval = min(Self.longestCloudInterval, interval * 2)
      } else if Date().timeIntervalSince(begun) > Self.quickPhase {
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
