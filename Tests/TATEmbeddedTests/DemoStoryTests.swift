import Foundation
import TATCore
import TATEmbedded
import Testing

/// The demo store tells a story a user can find: agents agree with tasks,
/// schedules agree with their records, and the same seed tells it the same way.
@Suite("The demo store's agents and schedules")
struct DemoStoryTests {
  static let seeds: [UInt64] = [1, 7, 42, 1234]

  func agents(of store: EmbeddedTAT) async throws -> [String: AutomationAgentInfo] {
    var agents: [AutomationAgentInfo] = []
    repeat {
      let page = try await store.send(DescribeAutomationAgentStatusRequest(limit: 100, offset: agents.count))
      agents += page.automationAgentSet
      if page.automationAgentSet.isEmpty || agents.count == page.totalCount { break }
    } while true
    return Dictionary(uniqueKeysWithValues: agents.map { ($0.instanceId, $0) })
  }

  func records(of store: EmbeddedTAT) async throws -> [InvokerRecord] {
    var records: [InvokerRecord] = []
    repeat {
      let page = try await store.send(DescribeInvokerRecordsRequest(limit: 100, offset: records.count))
      records += page.invokerRecordSet
      if page.invokerRecordSet.isEmpty || records.count == page.totalCount { break }
    } while true
    return records
  }

  @Test("an agent is offline exactly where tasks were never delivered", arguments: seeds)
  func offlineAgentsAreTheUndeliveredTasks(seed: UInt64) async throws {
    try await withStore(invocationCount: 300, seed: seed) { store in
      let agents = try await agents(of: store)
      let tasks = try await store.allTasks()
      for task in tasks {
        #expect(agents[task.instanceId] != nil, "\(task.instanceId) has no agent")
      }
      let undelivered = Set(
        tasks.filter { ["DELIVER_FAILED", "DELIVER_DELAYED"].contains($0.taskStatus) }.map(\.instanceId))
      let offline = Set(agents.values.filter { $0.agentStatus == "Offline" }.map(\.instanceId))
      #expect(!undelivered.isEmpty)
      #expect(undelivered == offline)
      // Before an agent went offline, its tasks were delivered.
      for task in tasks where offline.contains(task.instanceId) {
        let heartbeat = try #require(agents[task.instanceId]?.lastHeartbeatTime)
        let undeliveredTask = ["DELIVER_FAILED", "DELIVER_DELAYED"].contains(task.taskStatus)
        #expect(undeliveredTask == (task.createdTime >= heartbeat), "\(task.invocationTaskId)")
      }
      for task in tasks where task.taskStatus == "DELIVER_FAILED" {
        #expect(task.errorInfo?.contains("agent on the instance is offline") == true)
      }
    }
  }

  @Test("only old agents fail to start a command, and they often do", arguments: seeds)
  func anOldAgentVersionExplainsStartFailures(seed: UInt64) async throws {
    try await withStore(invocationCount: 300, seed: seed) { store in
      let agents = try await agents(of: store)
      let tasks = try await store.allTasks()
      let startFailed = tasks.filter { $0.taskStatus == "START_FAILED" }
      #expect(startFailed.count >= 10)
      #expect(Set(startFailed.compactMap { agents[$0.instanceId]?.version }) == ["1.0.6"])
      for task in startFailed { #expect(task.errorInfo?.contains("TAT agent 1.0.6 could not start") == true) }
      let onOld = tasks.filter {
        agents[$0.instanceId]?.version == "1.0.6" && $0.taskStatus != "DELIVER_FAILED"
      }
      #expect(Double(startFailed.count) / Double(onOld.count) > 0.2)
      let old = agents.values.filter { $0.version == "1.0.6" }
      #expect(old.allSatisfy { !$0.supportFeatures.contains("RunAsUser") })
    }
  }

  @Test("every invocation an invoker made has its record, and records keep their schedule", arguments: seeds)
  func schedulesAgreeWithTheirRecords(seed: UInt64) async throws {
    try await withStore(invocationCount: 300, seed: seed) { store in
      let invokers = try await store.send(DescribeInvokersRequest(limit: 100)).invokerSet
      #expect(invokers.count == 4)
      let records = try await records(of: store)
      let invocations = try await store.allInvocations()
      let scheduled = invocations.filter { $0.invocationSource == "INVOKER" }
      #expect(Set(records.map(\.invocationId)) == Set(scheduled.map(\.invocationId)))
      #expect(records.count == scheduled.count && records.count == 75)
      let byId = Dictionary(uniqueKeysWithValues: invocations.map { ($0.invocationId, $0) })
      for record in records {
        let invocation = try #require(byId[record.invocationId])
        let invoker = try #require(invokers.first { $0.invokerId == record.invokerId })
        #expect(record.result == invocation.invocationStatus)
        #expect(record.invokeTime == invocation.createdTime)
        #expect(invocation.commandId == invoker.commandId)
        #expect(Set(invocation.invocationTaskBasicInfoSet.map(\.instanceId)) == Set(invoker.instanceIds))
        #expect(record.invokeTime >= invoker.createdTime)
        if !invoker.enable {
          #expect(record.invokeTime < invoker.updatedTime, "no record after it was disabled")
        }
      }
      #expect(records.map(\.invokeTime) == records.map(\.invokeTime).sorted(by: >), "newest first")
      for invoker in invokers {
        let times = records.filter { $0.invokerId == invoker.invokerId }.compactMap {
          APITimestamp.epochSeconds(from: $0.invokeTime)
        }
        switch invoker.scheduleSettings?.recurrence {
        case "0 * * * *": #expect(times.allSatisfy { $0 % 3600 == 0 } && times.count == 30)
        case "0 2 * * *":
          #expect(times.allSatisfy { ($0 + 8 * 3600) % 86400 == 2 * 3600 } && times.count == 30)
        case "30 4 * * *": #expect(times.allSatisfy { ($0 + 8 * 3600) % 86400 == 4 * 3600 + 1800 })
        default:
          #expect(invoker.scheduleSettings?.policy == "ONCE" && times.isEmpty)
          #expect(
            (invoker.scheduleSettings?.invokeTime).flatMap(APITimestamp.epochSeconds(from:))! > fixedEndTime)
        }
      }
      // The nightly backup still names the machine whose agent went offline, and so fails since.
      let agents = try await agents(of: store)
      let nightly = try #require(invokers.first { $0.name == "nightly-mysql-backup" })
      #expect(nightly.instanceIds.contains { agents[$0]?.agentStatus == "Offline" })
      let lastNight = try #require(records.first { $0.invokerId == nightly.invokerId })
      #expect(["FAILED", "PARTIAL_FAILED"].contains(lastNight.result))
    }
  }

  @Test("the local instances are registered, with an online agent")
  func localInstancesAreRegistered() async throws {
    try await withStore(invocationCount: 20) { store in
      let registered = try await store.send(DescribeRegisterInstancesRequest()).registerInstanceSet
      #expect(registered.map(\.instanceId).sorted() == ["mi-local001", "mi-local002", "mi-local003"])
      #expect(registered.allSatisfy { $0.status == "Online" && $0.systemName == "Linux" })
      let agents = try await store.send(
        DescribeAutomationAgentStatusRequest(instanceIds: registered.map(\.instanceId)))
      #expect(
        agents.automationAgentSet.count == 3
          && agents.automationAgentSet.allSatisfy { $0.agentStatus == "Online" })
      let added = try store.addLocalInstances(1)
      let more = try await store.send(
        DescribeRegisterInstancesRequest(filters: [Filter(name: "instance-id", values: [added[0].instanceId])]
        ))
      #expect(more.registerInstanceSet.map(\.instanceName) == ["local-4"])
    }
  }

  @Test("the same seed gives the same agents, invokers and records")
  func deterministic() async throws {
    func story(seed: UInt64) async throws -> ([AutomationAgentInfo], [Invoker], [InvokerRecord]) {
      try await withStore(invocationCount: 120, seed: seed) { store in
        (
          try await agents(of: store).values.sorted { $0.instanceId < $1.instanceId },
          try await store.send(DescribeInvokersRequest()).invokerSet, try await records(of: store)
        )
      }
    }
    let first = try await story(seed: 5)
    let second = try await story(seed: 5)
    #expect(first.0 == second.0 && first.1 == second.1 && first.2 == second.2)
    let other = try await story(seed: 6)
    #expect(other.1.map(\.invokerId) != first.1.map(\.invokerId))
  }

  @Test("a small store still has the invocations it was asked for")
  func smallStores() async throws {
    for count in [1, 5, 12] {
      try await withStore(invocationCount: count) { store in
        let stored = try await store.invocationCount()
        #expect(stored == count + 1)
      }
    }
  }
}
