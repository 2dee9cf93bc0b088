import Foundation
import TATCore
import TATEmbedded
import Testing

/// Task statuses of a task that has not finished.
private let inFlight: Set<String> = ["PENDING", "DELIVERING", "DELIVER_DELAYED", "RUNNING"]
private let cancelledKinds: Set<String> = ["CANCELLED", "TERMINATED"]
private let timedOutKinds: Set<String> = ["TIMEOUT", "TASK_TIMEOUT"]

/// Whether an invocation status is consistent with the statuses of its tasks.
private func statusAgrees(_ status: String, with tasks: [String]) -> Bool {
  let succeeded = tasks.filter { $0 == "SUCCESS" }.count
  let cancelled = tasks.filter(cancelledKinds.contains).count
  let running = tasks.contains(where: inFlight.contains)
  let cancelling = tasks.contains("CANCELLING")
  switch status {
  case "SUCCESS": return tasks.allSatisfy { $0 == "SUCCESS" }
  case "PENDING": return tasks.allSatisfy { $0 == "PENDING" }
  case "RUNNING": return running && !cancelling
  case "CANCELLING": return cancelling
  case "TIMEOUT": return tasks.allSatisfy(timedOutKinds.contains)
  case "CANCELLED": return tasks.allSatisfy(cancelledKinds.contains)
  case "PARTIAL_CANCELLED":
    return cancelled > 0 && cancelled < tasks.count && !running && !cancelling
  case "FAILED": return succeeded == 0 && cancelled == 0 && !running && !cancelling
  case "PARTIAL_FAILED":
    return succeeded > 0 && succeeded < tasks.count && cancelled == 0 && !running && !cancelling
  default: return false
  }
}

@Suite("Demo data in the embedded store")
struct DemoDataTests {
  @Test("the same seed and end time give the same data; another seed gives other ids")
  func deterministic() async throws {
    let first = try await withStore(invocationCount: 150, seed: 42) { store in
      (
        try await store.allInvocations(), try await store.allTasks(hideOutput: false),
        try await store.allCommands()
      )
    }
    let second = try await withStore(invocationCount: 150, seed: 42) { store in
      (
        try await store.allInvocations(), try await store.allTasks(hideOutput: false),
        try await store.allCommands()
      )
    }
    #expect(first.0.count == 151)
    #expect(first.0 == second.0)
    #expect(first.1 == second.1)
    #expect(first.2 == second.2)

    // Page by page too, as a client would see them.
    try await withStore(invocationCount: 150, seed: 42) { one in
      try await withStore(invocationCount: 150, seed: 42) { other in
        for offset in stride(from: 0, to: 151, by: 20) {
          let request = DescribeInvocationsRequest(limit: 20, offset: offset)
          let a = try await one.describeInvocations(request)
          let b = try await other.describeInvocations(request)
          #expect(a.invocationSet == b.invocationSet)
          #expect(a.totalCount == b.totalCount)
          #expect(a.requestId != b.requestId)
        }
      }
    }

    let other = try await withStore(invocationCount: 150, seed: 43) { store in
      try await store.allInvocations()
    }
    let firstIDs = Set(first.0.map(\.invocationId))
    let otherIDs = Set(other.map(\.invocationId))
    #expect(otherIDs.count == 151)
    #expect(firstIDs.intersection(otherIDs) == ["inv-q4zp60g0"])
    let firstTasks = Set(first.1.map(\.invocationTaskId))
    let otherTasks = try await withStore(invocationCount: 150, seed: 43) { store in
      Set(try await store.allTasks().map(\.invocationTaskId))
    }
    #expect(
      firstTasks.intersection(otherTasks) == ["invt-kakne8h2", "invt-jc2onrxm", "invt-6xmuisyq"])
  }

  @Test("the seed summary counts what the store then holds")
  func seedSummary() async throws {
    try await withEmptyStore { store in
      let summary = try store.seed(
        with: DemoDataset(invocationCount: 77, seed: 9, endTime: fixedEndTime), replacing: false)
      #expect(summary.invocations == 78)
      #expect(
        summary.invocations == (try await store.describeInvocations(.init(limit: 1))).totalCount)
      #expect(
        summary.tasks == (try await store.describeInvocationTasks(.init(limit: 1))).totalCount)
      #expect(summary.commands == (try await store.describeCommands(.init(limit: 1))).totalCount)
      #expect(try await store.invocationCount() == 78)
    }
  }

  @Test("replacing: true swaps the data for the new dataset")
  func replacing() async throws {
    try await withStore(invocationCount: 30, seed: 1) { store in
      let before = Set(try await store.allInvocations().map(\.invocationId))
      try store.seed(
        with: DemoDataset(invocationCount: 12, seed: 2, endTime: fixedEndTime), replacing: true)
      let after = try await store.allInvocations()
      #expect(after.count == 13)
      #expect(before.intersection(after.map(\.invocationId)) == ["inv-q4zp60g0"])
      let tasks = try await store.allTasks()
      #expect(Set(tasks.map(\.invocationId)).isSubset(of: after.map(\.invocationId)))
    }
  }

  @Test(
    "a default-size dataset holds every invocation and task status, both kinds and both creators")
  func variety() async throws {
    try await withStore(
      invocationCount: DemoDataset.defaultInvocationCount, seed: DemoDataset.defaultSeed
    ) { store in
      let invocations = try await store.allInvocations()
      let tasks = try await store.allTasks()
      #expect(invocations.count == DemoDataset.defaultInvocationCount + 1)

      let invocationStatuses = Set(invocations.map(\.invocationStatus))
      #expect(invocationStatuses == Set(InvocationStatus.allCases.map(\.rawValue)))
      let taskStatuses = Set(tasks.map(\.taskStatus))
      #expect(taskStatuses == Set(TaskStatus.allCases.map(\.rawValue)))
      #expect(Set(invocations.compactMap(\.instanceKind)) == ["CVM", "LIGHTHOUSE"])

      let tat = try await store.describeInvocations(
        .init(filters: [Filter(name: "command-created-by", values: ["TAT"])]))
      let user = try await store.describeInvocations(
        .init(filters: [Filter(name: "command-created-by", values: ["USER"])]))
      #expect(tat.totalCount > 0)
      #expect(user.totalCount > 0)
      #expect(tat.totalCount + user.totalCount == invocations.count)
    }
  }

  @Test("the creator filter agrees with the commands' CreatedBy")
  func creatorsAgreeWithCommands() async throws {
    try await withStore(invocationCount: 150, seed: 8) { store in
      let creators = Dictionary(
        uniqueKeysWithValues: try await store.allCommands().map { ($0.commandId, $0.createdBy) })
      for creator in ["TAT", "USER"] {
        let invocations = try await store.allInvocations(filters: [
          Filter(name: "command-created-by", values: [creator])
        ])
        #expect(!invocations.isEmpty)
        for invocation in invocations {
          #expect(
            creators[invocation.commandId] == creator,
            "\(invocation.invocationId) runs \(invocation.commandId)")
        }
      }
    }
  }

  @Test("invocation statuses agree with their tasks", arguments: [1, 77] as [UInt64])
  func statusesAgree(seed: UInt64) async throws {
    try await withStore(invocationCount: 300, seed: seed) { store in
      let invocations = try await store.allInvocations()
      let tasks = Dictionary(grouping: try await store.allTasks(), by: \.invocationId)
      for invocation in invocations {
        let statuses = (tasks[invocation.invocationId] ?? []).map(\.taskStatus)
        #expect(!statuses.isEmpty)
        #expect(
          statusAgrees(invocation.invocationStatus, with: statuses),
          "\(invocation.invocationId) is \(invocation.invocationStatus) with tasks \(statuses)")
        if invocation.invocationStatus == "SUCCESS" {
          #expect(statuses.allSatisfy { $0 == "SUCCESS" })
        }
        if invocation.invocationStatus == "FAILED" { #expect(!statuses.contains("SUCCESS")) }
        // Finished invocations have an end; unfinished ones do not.
        let finished = !statuses.contains { inFlight.contains($0) || $0 == "CANCELLING" }
        #expect((invocation.endTime != nil) == finished, "\(invocation.invocationId) EndTime")
      }
    }
  }

  @Test("instances match the invocation's kind")
  func instanceKinds() async throws {
    try await withStore(invocationCount: 200, seed: 4) { store in
      let tasks = Dictionary(grouping: try await store.allTasks(), by: \.invocationId)
      for invocation in try await store.allInvocations() {
        let instances = (tasks[invocation.invocationId] ?? []).map(\.instanceId)
        #expect(
          Set(instances).count == instances.count, "\(invocation.invocationId) repeats an instance")
        let prefix = invocation.instanceKind == "LIGHTHOUSE" ? "lhins-" : "ins-"
        #expect(
          instances.allSatisfy { ResourceID.isWellFormed($0, prefix: prefix) },
          "\(invocation.invocationId)")
      }
    }
  }

  @Test("ids, times and base64 fields are well formed")
  func wellFormed() async throws {
    try await withStore(invocationCount: 200, seed: 6) { store in
      let invocations = try await store.allInvocations()
      for invocation in invocations {
        #expect(ResourceID.isWellFormed(invocation.invocationId, prefix: "inv-"))
        #expect(ResourceID.isWellFormed(invocation.commandId, prefix: "cmd-"))
        let created = try seconds(invocation.createdTime)
        #expect(APITimestamp.string(fromEpochSeconds: created) == invocation.createdTime)
        if invocation.invocationId != "inv-q4zp60g0" {
          #expect(
            (fixedEndTime - 30 * 86_400)...fixedEndTime ~= created,
            "\(invocation.invocationId) created \(invocation.createdTime)")
        }
        if let end = invocation.endTime { #expect(try seconds(end) >= created) }
        let content = try #require(invocation.commandContent)
        let script = try #require(Data(base64Encoded: content))
        #expect(String(data: script, encoding: .utf8)?.isEmpty == false)
        #expect(["USER", "INVOKER"].contains(invocation.invocationSource))
      }
      for task in try await store.allTasks(hideOutput: false) {
        #expect(ResourceID.isWellFormed(task.invocationTaskId, prefix: "invt-"))
        let created = try seconds(task.createdTime)
        if let start = task.startTime { #expect(try seconds(start) >= created) }
        if let end = task.endTime {
          #expect(try seconds(end) >= (try seconds(task.startTime ?? task.createdTime)))
        }
        #expect(task.commandDocument?.content.flatMap { Data(base64Encoded: $0) } != nil)
      }
    }
  }

  @Test("nothing in the data happens after the dataset's end time")
  func nothingAfterTheEnd() async throws {
    try await withStore(invocationCount: 300, seed: 4) { store in
      for invocation in try await store.allInvocations() {
        for time in [
          invocation.createdTime, invocation.startTime, invocation.endTime, invocation.updatedTime,
        ] {
          if let time {
            #expect(try seconds(time) <= fixedEndTime, "\(invocation.invocationId) at \(time)")
          }
        }
      }
      let tasks = try await store.allTasks()
      #expect(try tasks.allSatisfy { try seconds($0.createdTime) <= fixedEndTime })
      // inv-g7qb3ql6 is RUNNING and its task invt-4rjcydgg is SUCCESS with EndTime
      // 2025-11-29T00:00:46+00:00, 46 seconds after the end of the window ("now" by default).
      let late = try tasks.filter { task in
        try [task.endTime, task.updatedTime].compactMap { $0 }.contains {
          try seconds($0) > fixedEndTime
        }
      }
      #expect(late.map(\.invocationTaskId) == [])
    }
  }

  @Test("task outputs are base64 of text, and exit codes fit the status")
  func outputs() async throws {
    try await withStore(invocationCount: 200, seed: 12) { store in
      let tasks = try await store.allTasks(hideOutput: false)
      var texts: [String] = []
      for task in tasks {
        let output = try #require(
          task.taskResult?.output, "\(task.invocationTaskId) has no Output field")
        let data = try #require(
          Data(base64Encoded: output), "\(task.invocationTaskId) Output is not base64")
        let text = try #require(
          String(data: data, encoding: .utf8), "\(task.invocationTaskId) Output is not UTF-8")
        #expect(data.count <= 24 * 1024)
        texts.append(text)
        switch task.taskStatus {
        case "SUCCESS": #expect(task.taskResult?.exitCode == 0)
        case "FAILED": #expect(task.taskResult?.exitCode.map { $0 != 0 } == true)
        case "PENDING", "DELIVERING", "DELIVER_DELAYED": #expect(text.isEmpty)
        default: break
        }
      }
      #expect(texts.contains { $0.contains("\n") })
      #expect(texts.filter { !$0.isEmpty }.count > tasks.count / 2)
    }
  }
}
