import Foundation
import TATCore

/// Builds one demo invocation and its tasks so that statuses, times, exit
/// codes and outputs agree with each other.
struct DemoExecutionBuilder {
  var invocationId: String
  var command: Command
  var entry: DemoCatalog.Entry
  var created: Int
  var scenario: DemoScenario
  /// The first invocations cycle through every status so that each one is present.
  var isGuaranteedVariety: Bool

  func taskCount(using generator: inout some RandomNumberGenerator) -> Int {
    if isGuaranteedVariety { return max(4, scenario.palette.count) }
    let draw = Double.random(in: 0..<1, using: &generator)
    return 1 + Int(draw * draw * 20)
  }

  func build(
    on instances: (kind: String, ids: [String]), of fleet: DemoFleet, invoker: Invoker? = nil,
    firstTaskNumber: Int, ids: DemoIDs, using generator: inout some RandomNumberGenerator
  ) -> DemoDataset.Execution {
    let palette = scenario.palette
    let source = invoker == nil ? "USER" : "INVOKER"
    var machines = instances.ids
    var tasks: [InvocationTask] = []
    for position in machines.indices {
      let drawn =
        position < palette.count || isGuaranteedVariety
        ? palette[position % palette.count] : palette.randomElement(using: &generator)!
      let status = agree(
        drawn, at: position, of: &machines, movable: invoker == nil, with: fleet, using: &generator)
      tasks.append(
        task(
          id: ids.task(firstTaskNumber + position), instance: machines[position], status: status,
          source: source, agentVersion: fleet.agents[machines[position]]?.version, using: &generator))
    }
    let statuses = tasks.map { TaskStatus(rawValue: $0.taskStatus)! }
    let status = InvocationStatus(aggregating: statuses)
    let ends = tasks.compactMap { $0.endTime.flatMap(APITimestamp.epochSeconds(from:)) }
    let isFinished = !statuses.contains {
      [.pending, .delivering, .deliverDelayed, .running, .cancelling].contains($0)
    }
    let end = isFinished ? (ends.max() ?? created + 1) : nil
    let invocation = Invocation(
      invocationId: invocationId, commandId: command.commandId, commandName: command.commandName,
      invocationStatus: status.rawValue,
      invocationTaskBasicInfoSet: tasks.map {
        InvocationTaskBasicInfo(
          invocationTaskId: $0.invocationTaskId, taskStatus: $0.taskStatus, instanceId: $0.instanceId)
      },
      description: invoker.map { "scheduled by invoker \($0.name) (\($0.invokerId))" } ?? entry.description,
      startTime: time(created), endTime: end.map(time), createdTime: time(created),
      updatedTime: time(end ?? created + 2), parameters: "", defaultParameters: "{}",
      instanceKind: instances.kind, username: "root", invocationSource: source,
      commandContent: command.content, commandType: "SHELL", timeout: entry.timeout,
      workingDirectory: entry.workingDirectory, outputCOSBucketUrl: "", outputCOSKeyPrefix: "")
    return DemoDataset.Execution(
      invocation: invocation, tasks: tasks, commandCreatedBy: entry.creator)
  }

  /// The status a task of `drawn` status really gets on the machine at
  /// `position`, so that tasks agree with the agents: a task sent to an
  /// offline agent is never delivered, only an offline agent explains an
  /// undelivered task, and only an old agent fails to start one. A status
  /// that needs such an agent moves its task to a machine that has one,
  /// unless the machines are `movable` no more (an invoker names them).
  private func agree(
    _ drawn: TaskStatus, at position: Int, of machines: inout [String], movable: Bool,
    with fleet: DemoFleet, using generator: inout some RandomNumberGenerator
  ) -> TaskStatus {
    func move(where test: (DemoFleet.Agent) -> Bool) -> Bool {
      guard movable, let other = fleet.substitute(for: machines[position], avoiding: machines, where: test)
      else { return false }
      machines[position] = other
      return true
    }
    let undelivered: TaskStatus = scenario.isActive ? .deliverDelayed : .deliverFailed
    guard let agent = fleet.agents[machines[position]] else { return drawn }
    if agent.isOffline(at: created) { return undelivered }
    switch drawn {
    case .deliverFailed, .deliverDelayed:
      if move(where: { $0.isOffline(at: created) }) { return undelivered }
      return scenario.isActive ? .pending : .failed
    case .startFailed:
      if agent.isOld { return .startFailed }
      if move(where: { $0.isOld && !$0.isOffline(at: created) }) { return .startFailed }
      return .failed
    case .success, .failed:
      return agent.isOld && Int.random(in: 0..<3, using: &generator) == 0 ? .startFailed : drawn
    default:
      return drawn
    }
  }

  private func task(
    id: String, instance: String, status: TaskStatus, source: String, agentVersion: String?,
    using generator: inout some RandomNumberGenerator
  ) -> InvocationTask {
    let start = created + Int.random(in: 0...3, using: &generator)
    var end: Int? = nil
    var exitCode: Int? = nil
    var output: String? = nil
    var errorInfo = ""
    switch status {
    case .success:
      end = start + Int.random(in: 1...min(entry.timeout, 90), using: &generator)
      exitCode = 0
      output = entry.success
    case .failed:
      let failures = entry.failures + DemoCatalog.commonFailures.prefix(entry.failures.count == 1 ? 2 : 1)
      let failure = failures.randomElement(using: &generator)!
      end = start + Int.random(in: 0...30, using: &generator)
      exitCode = failure.0
      output = failure.1
      errorInfo = ""
    case .timeout, .taskTimeout:
      end = start + entry.timeout
      exitCode = -1
      output = String(entry.success.prefix(while: { $0 != "\n" })) + "\n"
      errorInfo = "The command did not finish within \(entry.timeout) seconds and was terminated."
    case .deliverFailed:
      end = start + 30
      errorInfo = DemoCatalog.deliveryError
    case .startFailed:
      end = start + 1
      errorInfo = DemoCatalog.startError(agentVersion: agentVersion ?? DemoFleet.oldVersion)
    case .terminated:
      end = start + Int.random(in: 2...20, using: &generator)
      exitCode = -1
      output = String(entry.success.prefix(while: { $0 != "\n" })) + "\nTerminated\n"
      errorInfo = "The task was terminated by a cancel request."
    case .cancelled:
      end = start
      errorInfo = "The task was cancelled before it started."
    case .running, .cancelling:
      output = String(entry.success.prefix(while: { $0 != "\n" })) + "\n"
    case .pending, .delivering, .deliverDelayed:
      break
    }
    let didRun = exitCode != nil || output != nil
    let text = output.map { fill($0, using: &generator) }
    return InvocationTask(
      invocationId: invocationId, invocationTaskId: id, commandId: command.commandId,
      taskStatus: status.rawValue, instanceId: instance,
      taskResult: TaskResult(
        exitCode: exitCode, output: text.map { Data($0.utf8).base64EncodedString() } ?? "",
        execStartTime: didRun ? time(start) : "", execEndTime: end.map(time) ?? "", dropped: 0,
        outputUrl: "", outputUploadCOSErrorInfo: ""),
      startTime: didRun ? time(start) : nil, endTime: end.map(time), createdTime: time(created),
      updatedTime: time(end ?? start), commandDocument: document, errorInfo: errorInfo,
      invocationSource: source, commandName: command.commandName)
  }

  private var document: CommandDocument {
    CommandDocument(
      content: command.content, commandType: "SHELL", timeout: entry.timeout,
      workingDirectory: entry.workingDirectory, username: "root", outputCOSBucketUrl: "",
      outputCOSKeyPrefix: "")
  }

  /// Fills `%n%` with small numbers so that outputs differ from machine to machine.
  private func fill(_ text: String, using generator: inout some RandomNumberGenerator) -> String {
    let parts = text.split(separator: "%n%", omittingEmptySubsequences: false)
    guard parts.count > 1 else { return text }
    var filled = String(parts[0])
    for part in parts.dropFirst() {
      filled += String(Int.random(in: 10...89, using: &generator))
      filled += part
    }
    return filled
  }

  private func time(_ seconds: Int) -> String { APITimestamp.string(fromEpochSeconds: seconds) }
}
