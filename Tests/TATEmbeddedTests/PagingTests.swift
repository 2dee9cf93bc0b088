import Foundation
import TATCore
import TATEmbedded
import Testing

/// `TotalCount` is remembered between pages, and forgotten when the store changes.
@Suite struct TotalCountTests {
  @Test func aChangeFromAnotherConnectionIsCountedAtOnce() async throws {
    let folder = temporaryStoreFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("tat.sqlite").path
    let reader = try EmbeddedTAT(path: path)
    try reader.seed(with: DemoDataset(invocationCount: 50, seed: 1, endTime: fixedEndTime), replacing: false)
    let kind = [Filter(name: "instance-kind", values: ["CVM"])]
    let before = try await reader.describeInvocations(DescribeInvocationsRequest(filters: kind, limit: 1))
    #expect(
      try await reader.describeInvocations(DescribeInvocationsRequest(filters: kind, limit: 1)).totalCount
        == before.totalCount)

    let writer = try EmbeddedTAT(path: path)
    try writer.seed(with: DemoDataset(invocationCount: 400, seed: 2, endTime: fixedEndTime), replacing: true)
    let all = try await writer.allInvocations(filters: kind)
    let after = try await reader.describeInvocations(DescribeInvocationsRequest(filters: kind, limit: 1))
    #expect(after.totalCount == all.count)
    #expect(after.totalCount > before.totalCount)
  }
}

/// Pages that start where the previous one ended (remembered) give exactly
/// what `Offset` from the top gives, in any order of asking.
@Suite struct PageCursorTests {
  @Test func sequentialAndScatteredPagesAgree() async throws {
    try await withStore(invocationCount: 120) { store in
      let limit = 7
      let total = try await store.describeInvocationTasks(DescribeInvocationTasksRequest(limit: 1)).totalCount
      var forward: [String] = []
      for offset in stride(from: 0, to: total, by: limit) {
        forward += try await store.describeInvocationTasks(
          DescribeInvocationTasksRequest(limit: limit, offset: offset)
        ).invocationTaskSet.map(\.invocationTaskId)
      }
      var backward: [[String]] = []
      for offset in stride(from: 0, to: total, by: limit).reversed() {
        backward.insert(
          try await store.describeInvocationTasks(
            DescribeInvocationTasksRequest(limit: limit, offset: offset)
          ).invocationTaskSet.map(\.invocationTaskId), at: 0)
      }
      #expect(forward.count == total)
      #expect(Set(forward).count == total)
      // The truth: each page from a store opened afresh, which remembers no cursor.
      var truth: [String] = []
      for offset in stride(from: 0, to: total, by: 100) {
        truth += try await EmbeddedTAT(path: store.path).describeInvocationTasks(
          DescribeInvocationTasksRequest(limit: 100, offset: offset)
        ).invocationTaskSet.map(\.invocationTaskId)
      }
      #expect(forward == truth)
      #expect(backward.flatMap { $0 } == forward)
      let skipping = try await store.describeInvocationTasks(
        DescribeInvocationTasksRequest(limit: 10, offset: 3 * limit + 2)
      ).invocationTaskSet.map(\.invocationTaskId)
      #expect(skipping == Array(forward[(3 * limit + 2)..<(3 * limit + 12)]))

      var invocations: [String] = []
      for offset in stride(from: 0, to: 121, by: 11) {
        invocations += try await store.describeInvocations(
          DescribeInvocationsRequest(limit: 11, offset: offset)
        ).invocationSet.map(\.invocationId)
      }
      let oneGo = try await store.allInvocations().map(\.invocationId)
      #expect(invocations == oneGo)

      try store.seed(with: DemoDataset(invocationCount: 30, seed: 9, endTime: fixedEndTime), replacing: true)
      let fresh = try await store.allInvocations().map(\.invocationId)
      var paged: [String] = []
      for offset in stride(from: 0, to: fresh.count, by: 11) {
        paged += try await store.describeInvocations(
          DescribeInvocationsRequest(limit: 11, offset: offset)
        ).invocationSet.map(\.invocationId)
      }
      #expect(paged == fresh)
    }
  }
}
