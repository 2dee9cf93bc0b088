import Foundation
import TATCore
import TATEmbedded
import Testing

/// The basic info an invocation should carry for a task.
private func basicInfo(_ task: InvocationTask) -> InvocationTaskBasicInfo {
  InvocationTaskBasicInfo(
    invocationTaskId: task.invocationTaskId, taskStatus: task.taskStatus,
    instanceId: task.instanceId)
}

@Suite("EmbeddedTAT query semantics")
struct QuerySemanticsTests {
  @Test("invocations come newest first by CreatedTime")
  func newestFirst() async throws {
    try await withStore(invocationCount: 250) { store in
      let invocations = try await store.allInvocations()
      #expect(invocations.count == 251)
      let created = try invocations.map { try seconds($0.createdTime) }
      for index in created.indices.dropFirst() {
        #expect(
          created[index - 1] >= created[index], "\(invocations[index].invocationId) is out of order"
        )
      }
      #expect(invocations.last?.invocationId == "inv-q4zp60g0")
      // The same holds inside a filtered result.
      let lighthouse = try await store.allInvocations(filters: [
        Filter(name: "instance-kind", values: ["LIGHTHOUSE"])
      ])
      let lighthouseCreated = try lighthouse.map { try seconds($0.createdTime) }
      #expect(lighthouseCreated == lighthouseCreated.sorted(by: >))
    }
  }

  @Test("tasks come newest first by CreatedTime")
  func tasksNewestFirst() async throws {
    try await withStore(invocationCount: 60) { store in
      let tasks = try await store.allTasks()
      let created = try tasks.map { try seconds($0.createdTime) }
      #expect(created == created.sorted(by: >))
    }
  }

  @Test("TotalCount counts every match, not the page")
  func totalCountIsNotThePage() async throws {
    try await withStore(invocationCount: 70) { store in
      let invocations = try await store.describeInvocations(DescribeInvocationsRequest(limit: 5))
      #expect(invocations.totalCount == 71)
      #expect(invocations.invocationSet.count == 5)

      let allTasks = try await store.allTasks()
      let tasks = try await store.describeInvocationTasks(
        DescribeInvocationTasksRequest(limit: 3, offset: 10))
      #expect(tasks.totalCount == allTasks.count)
      #expect(tasks.invocationTaskSet.count == 3)

      let commands = try await store.describeCommands(DescribeCommandsRequest(limit: 2))
      #expect(commands.totalCount == (try await store.allCommands()).count)
      #expect(commands.totalCount > 2)
      #expect(commands.commandSet.count == 2)

      let filter = [Filter(name: "instance-kind", values: ["CVM"])]
      let cvm = try await store.allInvocations(filters: filter)
      let page = try await store.describeInvocations(
        DescribeInvocationsRequest(filters: filter, limit: 1))
      #expect(page.totalCount == cvm.count)
      #expect(page.invocationSet.count == 1)
    }
  }

  @Test("the default Limit is 20")
  func defaultLimit() async throws {
    try await withStore(invocationCount: 40) { store in
      let invocations = try await store.describeInvocations(DescribeInvocationsRequest())
      #expect(invocations.invocationSet.count == 20)
      #expect(invocations.totalCount == 41)
      let all = try await store.allInvocations()
      #expect(invocations.invocationSet == Array(all.prefix(20)))

      let tasks = try await store.describeInvocationTasks(DescribeInvocationTasksRequest())
      #expect(tasks.invocationTaskSet.count == 20)
      #expect(tasks.totalCount > 20)

      let offset = try await store.describeInvocations(DescribeInvocationsRequest(offset: 30))
      #expect(offset.invocationSet == Array(all[30..<41]))
    }
  }

  @Test("Offset pages without overlap or gaps")
  func paging() async throws {
    try await withStore(invocationCount: 230) { store in
      let all = try await store.allInvocations()
      #expect(all.count == 231)
      #expect(Set(all.map(\.invocationId)).count == all.count)

      // Small pages put together give the same sequence as large ones.
      var pieced: [Invocation] = []
      var offset = 0
      while true {
        let page = try await store.describeInvocations(
          DescribeInvocationsRequest(limit: 7, offset: offset))
        #expect(page.totalCount == 231)
        if page.invocationSet.isEmpty { break }
        #expect(page.invocationSet.count == min(7, 231 - offset))
        pieced += page.invocationSet
        offset += 7
      }
      #expect(pieced == all)

      let past = try await store.describeInvocations(
        DescribeInvocationsRequest(limit: 100, offset: 231))
      #expect(past.invocationSet.isEmpty)
      #expect(past.totalCount == 231)

      let tasks = try await store.allTasks()
      #expect(Set(tasks.map(\.invocationTaskId)).count == tasks.count)
      #expect(tasks.count == all.reduce(0) { $0 + $1.invocationTaskBasicInfoSet.count })
    }
  }

  @Test("InvocationIds select those invocations, newest first, and unknown ids match nothing")
  func invocationIds() async throws {
    try await withStore(invocationCount: 40) { store in
      let all = try await store.allInvocations()
      let chosen = [all[30], all[2], all[17], all[40]].map(\.invocationId)
      let response = try await store.describeInvocations(
        DescribeInvocationsRequest(invocationIds: chosen + ["inv-00000000"]))
      #expect(response.totalCount == 4)
      #expect(
        response.invocationSet.map(\.invocationId)
          == [all[2], all[17], all[30], all[40]].map(\.invocationId))

      let none = try await store.describeInvocations(
        DescribeInvocationsRequest(invocationIds: ["inv-00000000"]))
      #expect(none.totalCount == 0)
      #expect(none.invocationSet.isEmpty)
    }
  }

  @Test("filters are AND-ed across names and OR-ed within one")
  func invocationFilters() async throws {
    try await withStore(invocationCount: 300, seed: 11) { store in
      let all = try await store.allInvocations()
      let creators = Dictionary(
        uniqueKeysWithValues: try await store.allCommands().map {
          ($0.commandId, $0.createdBy ?? "")
        })
      func createdBy(_ invocation: Invocation) -> String { creators[invocation.commandId] ?? "?" }

      // The two commands run most often, and five invocations of mixed kinds.
      let runs = Dictionary(grouping: all, by: \.commandId).mapValues(\.count)
      let busiest = runs.sorted { ($0.value, $0.key) > ($1.value, $1.key) }.prefix(2).map(\.key)
      let someIDs = all.enumerated().filter { $0.offset % 37 == 3 }.prefix(5).map(
        \.element.invocationId)
      let tatCommand = try #require(all.first { createdBy($0) == "TAT" }?.commandId)

      let cases: [(filters: [Filter], matches: (Invocation) -> Bool, narrows: Bool)] = [
        (
          [Filter(name: "instance-kind", values: ["LIGHTHOUSE"])],
          { $0.instanceKind == "LIGHTHOUSE" }, true
        ),
        ([Filter(name: "instance-kind", values: ["CVM", "LIGHTHOUSE"])], { _ in true }, false),
        ([Filter(name: "command-created-by", values: ["TAT"])], { createdBy($0) == "TAT" }, true),
        (
          [
            Filter(name: "command-created-by", values: ["TAT"]),
            Filter(name: "instance-kind", values: ["CVM"]),
          ], { createdBy($0) == "TAT" && $0.instanceKind == "CVM" }, true
        ),
        (
          [
            Filter(name: "command-id", values: busiest),
            Filter(name: "instance-kind", values: ["CVM"]),
          ],
          { busiest.contains($0.commandId) && $0.instanceKind == "CVM" }, true
        ),
        (
          [Filter(name: "command-id", values: busiest + [tatCommand])],
          { (busiest + [tatCommand]).contains($0.commandId) }, true
        ),
        (
          [
            Filter(name: "invocation-id", values: someIDs),
            Filter(name: "command-created-by", values: ["USER"]),
          ], { someIDs.contains($0.invocationId) && createdBy($0) == "USER" }, true
        ),
        (
          // The same name twice: both must hold.
          [
            Filter(name: "instance-kind", values: ["CVM", "LIGHTHOUSE"]),
            Filter(name: "instance-kind", values: ["LIGHTHOUSE"]),
          ], { $0.instanceKind == "LIGHTHOUSE" }, true
        ),
      ]
      for (filters, matches, narrows) in cases {
        let expected = all.filter(matches)
        let answered = try await store.allInvocations(filters: filters)
        #expect(answered.map(\.invocationId) == expected.map(\.invocationId), "filters \(filters)")
        #expect(!expected.isEmpty, "filters \(filters) should match something")
        if narrows { #expect(expected.count < all.count, "filters \(filters) should narrow") }
      }

      let nothing = try await store.describeInvocations(
        DescribeInvocationsRequest(filters: [
          Filter(name: "instance-kind", values: ["CVM"]),
          Filter(name: "instance-kind", values: ["LIGHTHOUSE"]),
        ]))
      #expect(nothing.totalCount == 0)
    }
  }

  @Test("task filters are AND-ed across names and OR-ed within one")
  func taskFilters() async throws {
    try await withStore(invocationCount: 120, seed: 5) { store in
      let all = try await store.allTasks()
      let instances = Dictionary(grouping: all, by: \.instanceId).mapValues(\.count)
        .sorted { ($0.value, $0.key) > ($1.value, $1.key) }.prefix(2).map(\.key)
      let command = try #require(all.first { $0.instanceId == instances[0] }?.commandId)
      // Three invocations, one of them with a task on the busiest instance.
      let onBusiest = try #require(all.first { $0.instanceId == instances[0] }?.invocationId)
      let invocations =
        [onBusiest] + Set(all.map(\.invocationId)).subtracting([onBusiest]).sorted().prefix(2)
      let taskIDs = all.enumerated().filter { $0.offset % 29 == 1 }.prefix(5).map(
        \.element.invocationTaskId)

      let cases: [(filters: [Filter], matches: (InvocationTask) -> Bool)] = [
        ([Filter(name: "instance-id", values: instances)], { instances.contains($0.instanceId) }),
        (
          [
            Filter(name: "instance-id", values: [instances[0]]),
            Filter(name: "command-id", values: [command]),
          ],
          { $0.instanceId == instances[0] && $0.commandId == command }
        ),
        (
          [Filter(name: "invocation-id", values: invocations)],
          { invocations.contains($0.invocationId) }
        ),
        (
          [
            Filter(name: "invocation-id", values: invocations),
            Filter(name: "instance-id", values: instances),
          ],
          { invocations.contains($0.invocationId) && instances.contains($0.instanceId) }
        ),
        (
          [Filter(name: "invocation-task-id", values: taskIDs)],
          { taskIDs.contains($0.invocationTaskId) }
        ),
        ([Filter(name: "command-id", values: [command])], { $0.commandId == command }),
      ]
      for (filters, matches) in cases {
        let expected = all.filter(matches)
        let answered = try await store.allTasks(filters: filters)
        #expect(
          Set(answered.map(\.invocationTaskId)) == Set(expected.map(\.invocationTaskId)),
          "filters \(filters)")
        #expect(answered.count == expected.count)
        #expect(!expected.isEmpty && expected.count < all.count, "filters \(filters)")
      }
      #expect(!all.filter { instances.contains($0.instanceId) }.isEmpty)

      let byIDs = try await store.describeInvocationTasks(
        DescribeInvocationTasksRequest(invocationTaskIds: taskIDs))
      #expect(Set(byIDs.invocationTaskSet.map(\.invocationTaskId)) == Set(taskIDs))
      #expect(byIDs.totalCount == taskIDs.count)
    }
  }

  @Test("command filters, tags included, match what the commands say")
  func commandFilters() async throws {
    try await withStore(invocationCount: 5, seed: 3) { store in
      let all = try await store.allCommands()
      #expect(all.count > 10)
      let team = { (command: Command) in command.tags?.first { $0.key == "team" }?.value }
      let someTeam = try #require(all.compactMap(team).first)

      let cases: [(filters: [Filter], matches: (Command) -> Bool)] = [
        ([Filter(name: "created-by", values: ["TAT"])], { $0.createdBy == "TAT" }),
        ([Filter(name: "created-by", values: ["USER"])], { $0.createdBy == "USER" }),
        ([Filter(name: "tag:team", values: [someTeam])], { team($0) == someTeam }),
        ([Filter(name: "tag:team", values: ["ops", "web", "dba"])], { team($0) != nil }),
        ([Filter(name: "tag-key", values: ["team"])], { team($0) != nil }),
        ([Filter(name: "tag-value", values: [someTeam])], { team($0) == someTeam }),
        ([Filter(name: "tag:owner", values: [someTeam])], { _ in false }),
        (
          [Filter(name: "command-name", values: ["deploy-app", "TAT_ResetDNS"])],
          { ["deploy-app", "TAT_ResetDNS"].contains($0.commandName) }
        ),
        (
          [
            Filter(name: "created-by", values: ["TAT"]),
            Filter(name: "command-name", values: ["deploy-app", "TAT_ResetDNS"]),
          ],
          { $0.commandName == "TAT_ResetDNS" }
        ),
        ([Filter(name: "command-type", values: ["SHELL"])], { $0.commandType == "SHELL" }),
        ([Filter(name: "command-type", values: ["BAT"])], { $0.commandType == "BAT" }),
      ]
      for (filters, matches) in cases {
        let expected = all.filter(matches)
        let answered = try await store.allCommands(filters: filters)
        #expect(answered.map(\.commandId) == expected.map(\.commandId), "filters \(filters)")
      }
      #expect(all.contains { $0.createdBy == "TAT" } && all.contains { $0.createdBy == "USER" })
      #expect(all.contains { team($0) == nil } && all.contains { team($0) == someTeam })
    }
  }

  @Test("HideOutput defaults to true; false returns the output")
  func hideOutput() async throws {
    try await withStore(invocationCount: 30) { store in
      let filter = [Filter(name: "invocation-id", values: ["inv-q4zp60g0"])]
      for hide in [nil, true] as [Bool?] {
        let hidden = try await store.describeInvocationTasks(
          DescribeInvocationTasksRequest(filters: filter, hideOutput: hide))
        #expect(hidden.invocationTaskSet.count == 3)
        #expect(
          hidden.invocationTaskSet.allSatisfy { $0.taskResult?.output == nil },
          "HideOutput \(String(describing: hide))")
        // Everything else of the result is still there.
        #expect(hidden.invocationTaskSet.allSatisfy { $0.taskResult?.exitCode == 0 })
      }
      let shown = try await store.describeInvocationTasks(
        DescribeInvocationTasksRequest(filters: filter, hideOutput: false))
      #expect(shown.invocationTaskSet.allSatisfy { $0.taskResult?.output == "L3Jvb3QK" })

      let defaultPage = try await store.describeInvocationTasks(
        DescribeInvocationTasksRequest(limit: 100))
      #expect(defaultPage.invocationTaskSet.allSatisfy { $0.taskResult?.output == nil })
      let shownPage = try await store.describeInvocationTasks(
        DescribeInvocationTasksRequest(limit: 100, hideOutput: false))
      #expect(
        shownPage.invocationTaskSet.contains { ($0.taskResult?.output ?? "").isEmpty == false })
      #expect(
        shownPage.invocationTaskSet.map(\.invocationTaskId)
          == defaultPage.invocationTaskSet.map(\.invocationTaskId))
    }
  }

  @Test("each invocation's basic task info matches its tasks")
  func basicInfoMatchesTasks() async throws {
    try await withStore(invocationCount: 90, seed: 23) { store in
      let invocations = try await store.allInvocations()
      for invocation in invocations {
        let tasks = try await store.describeInvocationTasks(
          DescribeInvocationTasksRequest(
            filters: [Filter(name: "invocation-id", values: [invocation.invocationId])], limit: 100)
        )
        #expect(tasks.totalCount == invocation.invocationTaskBasicInfoSet.count)
        #expect(!tasks.invocationTaskSet.isEmpty, "\(invocation.invocationId) has no tasks")
        #expect(
          Set(tasks.invocationTaskSet.map(basicInfo)) == Set(invocation.invocationTaskBasicInfoSet),
          "\(invocation.invocationId)")
        for task in tasks.invocationTaskSet {
          #expect(task.invocationId == invocation.invocationId)
          #expect(task.commandId == invocation.commandId)
          #expect(task.commandName == invocation.commandName)
          #expect(task.invocationSource == invocation.invocationSource)
        }
      }
    }
  }
}
