import Foundation
import TATCore

/// A deterministic, realistic demo dataset: the same `seed` and `endTime`
/// give the same records, byte for byte. It always includes the worked
/// example of the public API page.
public struct DemoDataset: Sendable {
  public static let defaultInvocationCount = 300
  public static let defaultSeed: UInt64 = 1

  public var invocationCount: Int
  public var seed: UInt64
  /// The end of the 30-day window the invocations are spread over, in seconds since 1970.
  public var endTime: Int

  public init(
    invocationCount: Int = defaultInvocationCount, seed: UInt64 = defaultSeed,
    endTime: Int = Int(Date().timeIntervalSince1970)
  ) {
    self.invocationCount = invocationCount
    self.seed = seed
    self.endTime = endTime
  }

  /// One generated invocation, its tasks, who created its command, and the
  /// record of the invoker that made it, if one did.
  public struct Execution: Sendable {
    public var invocation: Invocation
    public var tasks: [InvocationTask]
    public var commandCreatedBy: String
    public var invokerRecord: InvokerRecord? = nil
  }

  /// The commands of the dataset, the worked example's among them.
  public func commands() -> [Command] {
    var generator = SplitMix64(seed: seed)
    let created = APITimestamp.string(fromEpochSeconds: endTime - 90 * 86_400)
    let generated = DemoCatalog.entries.enumerated().map { index, entry in
      Command(
        commandId: ids.command(index), commandName: entry.name, description: entry.description,
        content: Data(entry.script.utf8).base64EncodedString(), commandType: "SHELL",
        workingDirectory: entry.workingDirectory, timeout: entry.timeout, createdTime: created,
        updatedTime: created, enableParameter: false, defaultParameters: "{}", scenes: [],
        formattedDescription: entry.description, createdBy: entry.creator,
        tags: entry.creator == "USER"
          ? [Tag(key: "team", value: ["ops", "web", "dba"].randomElement(using: &generator)!)] : [],
        username: "root", outputCOSBucketUrl: "", outputCOSKeyPrefix: "")
    }
    return generated + [SeedExample.command]
  }

  /// Calls `body` with each execution: those users started, oldest first,
  /// then those of each schedule, then the worked example.
  public func forEachExecution(_ body: (Execution) throws -> Void) rethrows {
    var generator = SplitMix64(seed: seed ^ 0x7A75_6C75)
    let fleet = self.fleet
    let commands = commands()
    let schedules = self.schedules(of: commands)
    let started = max(0, invocationCount - schedules.reduce(0) { $0 + $1.times.count })
    // Finished invocations end at least two hours (the longest timeout and
    // then some) before `endTime`; those still in progress started in the last hour.
    let window = 30 * 86_400
    let span = window - 7_200
    let count = max(1, started)
    let step = max(1, span / count)
    var taskNumber = 0
    for index in 0..<started {
      let scenario =
        index < DemoScenario.allCases.count
        ? DemoScenario.allCases[index] : DemoScenario.random(using: &generator)
      let created =
        scenario.isActive
        ? endTime - Int.random(in: 300..<3600, using: &generator)
        : endTime - window + index * span / count + Int.random(in: 0..<step, using: &generator)
      let entryIndex = Int.random(in: 0..<DemoCatalog.entries.count, using: &generator)
      let builder = DemoExecutionBuilder(
        invocationId: ids.invocation(index), command: commands[entryIndex],
        entry: DemoCatalog.entries[entryIndex], created: created, scenario: scenario,
        isGuaranteedVariety: index < DemoScenario.allCases.count)
      let instances = fleet.instances(
        count: builder.taskCount(using: &generator), using: &generator)
      let execution = builder.build(
        on: instances, of: fleet, firstTaskNumber: taskNumber, ids: ids, using: &generator)
      taskNumber += instances.ids.count
      try body(execution)
    }
    var index = started
    for schedule in schedules {
      let invoker = schedule.invoker
      guard let entryIndex = commands.firstIndex(where: { $0.commandId == invoker.commandId }) else {
        continue
      }
      for time in schedule.times {
        var scenario = DemoScenario.random(using: &generator)
        if scenario.isActive { scenario = .allSucceeded }
        let builder = DemoExecutionBuilder(
          invocationId: ids.invocation(index), command: commands[entryIndex],
          entry: DemoCatalog.entries[entryIndex], created: time, scenario: scenario,
          isGuaranteedVariety: false)
        var execution = builder.build(
          on: (invoker.instanceIds[0].hasPrefix("lhins-") ? "LIGHTHOUSE" : "CVM", invoker.instanceIds),
          of: fleet, invoker: invoker, firstTaskNumber: taskNumber, ids: ids, using: &generator)
        execution.invokerRecord = schedule.record(
          at: time, invocationId: execution.invocation.invocationId,
          result: execution.invocation.invocationStatus)
        taskNumber += invoker.instanceIds.count
        index += 1
        try body(execution)
      }
    }
    try body(
      Execution(
        invocation: SeedExample.invocation, tasks: SeedExample.tasks, commandCreatedBy: "USER"))
  }

  /// The TAT agent of every instance the dataset's tasks run on, as it stands at `endTime`.
  public func agents() -> [AutomationAgentInfo] {
    let exampleInstances = Set(SeedExample.tasks.map(\.instanceId)).sorted()
    return fleet.agentInfos()
      + exampleInstances.map { id in
        AutomationAgentInfo(
          instanceId: id, version: DemoFleet.currentVersion,
          lastHeartbeatTime: APITimestamp.string(fromEpochSeconds: endTime - 30),
          agentStatus: AgentStatus.online.rawValue, environment: AgentEnvironment.linux.rawValue,
          supportFeatures: AutomationAgentInfo.currentFeatures)
      }
  }

  /// The dataset's invokers.
  public func invokers() -> [Invoker] {
    schedules(of: commands()).map(\.invoker)
  }

  private var fleet: DemoFleet { DemoFleet(ids: ids, seed: seed, endTime: endTime) }

  private func schedules(of commands: [Command]) -> [DemoSchedule] {
    DemoSchedule.all(
      ids: ids, fleet: fleet, commands: commands, endTime: endTime, invocationCount: invocationCount)
  }

  private var ids: DemoIDs { DemoIDs(seed: seed) }
}
