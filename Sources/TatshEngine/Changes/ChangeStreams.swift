import Foundation
import TATCore

/// Reads every record of a stream, for stages that must see all their
/// input before they act (and before they ask).
private func collect(_ upstream: any RecordStream) async throws -> [Record] {
  var records: [Record] = []
  while let page = try await upstream.nextPage() { records += page }
  return records
}

/// The instances, command and script of one invocation or task record.
private struct Execution {
  var invocationId: String
  var commandId: String
  var instanceIds: [String]
  var content: String?
  var timeout: Int?
  var workingDirectory: String?

  init?(_ record: Record) {
    guard let invocationId = record["InvocationId"]?.stringValue,
      let commandId = record["CommandId"]?.stringValue
    else { return nil }
    self.invocationId = invocationId
    self.commandId = commandId
    if case .array(let infos)? = record["InvocationTaskBasicInfoSet"] {
      instanceIds = infos.compactMap { info in
        if case .object(let fields) = info { return fields["InstanceId"]?.stringValue }
        return nil
      }
      content = record["CommandContent"]?.stringValue
      timeout = record["Timeout"]?.numberValue.map { Int($0) }
      workingDirectory = record["WorkingDirectory"]?.stringValue
    } else {
      instanceIds = record["InstanceId"]?.stringValue.map { [$0] } ?? []
      content = record.value(at: ["CommandDocument", "Content"])?.stringValue
      timeout = record.value(at: ["CommandDocument", "Timeout"])?.numberValue.map { Int($0) }
      workingDirectory = record.value(at: ["CommandDocument", "WorkingDirectory"])?.stringValue
    }
  }
}

/// `rerun`: runs the same command again on exactly the instances of the
/// records it gets (invocations: all their instances; tasks: theirs), one
/// InvokeCommand per command, or a RunCommand of the same script when the
/// command was not saved. Hands on the new invocations, finished with `--wait`.
final class RerunStream: RecordStream {
  private let upstream: any RecordStream
  private let options: ChangeOptions
  private let service: any TATService
  private let gate: ChangeGate
  private let progress: ProgressLine?
  private var isDone = false

  init(
    _ upstream: any RecordStream, options: ChangeOptions, service: any TATService, gate: ChangeGate,
    progress: ProgressLine?
  ) {
    self.upstream = upstream
    self.options = options
    self.service = service
    self.gate = gate
    self.progress = progress
  }

  func nextPage() async throws -> [Record]? {
    guard !isDone else { return nil }
    isDone = true
    let executions = try await collect(upstream).compactMap(Execution.init)
    var byCommand: [(command: String, example: Execution, instances: [String])] = []
    for execution in executions {
      if let index = byCommand.firstIndex(where: { $0.command == execution.commandId }) {
        byCommand[index].instances += execution.instanceIds.filter {
          !byCommand[index].instances.contains($0)
        }
      } else {
        byCommand.append((execution.commandId, execution, execution.instanceIds))
      }
    }
    byCommand.removeAll { $0.instances.isEmpty }
    guard !byCommand.isEmpty else {
      gate.reportNothing("rerun: no invocations or tasks with instances came in; nothing was run")
      return nil
    }
    let batches = byCommand.flatMap { group in
      stride(from: 0, to: group.instances.count, by: 200).map { start in
        (group.example, Array(group.instances[start..<min(start + 200, group.instances.count)]))
      }
    }
    let instances = batches.flatMap(\.1)
    let calls: [(action: String, body: any Encodable)] = batches.map { example, ids in
      (InvokeCommandRequest.action, InvokeCommandRequest(commandId: example.commandId, instanceIds: ids))
    }
    let summary =
      "rerun: \(batches.count) InvokeCommand\(batches.count == 1 ? "" : "s") on \(instances.count) instance\(instances.count == 1 ? "" : "s") (\(ChangeGate.list(instances)))"
    guard try gate.allows(summary, calls: calls, service: service, isConfirmed: options.isConfirmed) else {
      return nil
    }
    var created: [String] = []
    for (example, ids) in batches {
      do {
        created.append(
          try await service.invokeCommand(
            InvokeCommandRequest(commandId: example.commandId, instanceIds: ids)
          )
          .invocationId)
      } catch let error as TATError
        where error.code == TATError.Code.commandNotFound && example.content != nil
      {
        // A command that RunCommand did not save: run its script again.
        created.append(
          try await service.runCommand(
            RunCommandRequest(
              content: example.content, instanceIds: ids, workingDirectory: example.workingDirectory,
              timeout: example.timeout)
          ).invocationId)
      }
    }
    let invocations =
      options.waits
      ? try await InvocationWaiter(service: service, progress: progress).finished(created)
      : try await service.describeInvocations(
        DescribeInvocationsRequest(invocationIds: created, limit: APILimits.pageSize)
      ).invocationSet
    progress?.finish()
    return try invocations.map { try Record(encoding: $0) }
  }
}

/// `cancel`: cancels the invocations it gets (CancelInvocation), or, for
/// tasks, those tasks only; hands on the invocations as they stand after.
final class CancelStream: RecordStream {
  private let upstream: any RecordStream
  private let options: ChangeOptions
  private let service: any TATService
  private let gate: ChangeGate
  private var isDone = false

  init(_ upstream: any RecordStream, options: ChangeOptions, service: any TATService, gate: ChangeGate) {
    self.upstream = upstream
    self.options = options
    self.service = service
    self.gate = gate
  }

  func nextPage() async throws -> [Record]? {
    guard !isDone else { return nil }
    isDone = true
    let records = try await collect(upstream)
    var requests: [CancelInvocationRequest] = []
    for record in records {
      guard let invocationId = record["InvocationId"]?.stringValue else { continue }
      let isTask = record["InvocationTaskId"] != nil && record["InvocationTaskBasicInfoSet"] == nil
      let instance = isTask ? record["InstanceId"]?.stringValue : nil
      if let index = requests.firstIndex(where: { $0.invocationId == invocationId }) {
        if let instance, requests[index].instanceIds != nil { requests[index].instanceIds?.append(instance) }
        if instance == nil { requests[index].instanceIds = nil }
      } else {
        requests.append(
          CancelInvocationRequest(invocationId: invocationId, instanceIds: instance.map { [$0] }))
      }
    }
    guard !requests.isEmpty else {
      gate.reportNothing("cancel: no invocations or tasks came in; nothing was cancelled")
      return nil
    }
    let ids = requests.compactMap(\.invocationId)
    // One call names at most 100 instances: more tasks of one invocation take several.
    requests = requests.flatMap { request -> [CancelInvocationRequest] in
      guard let instances = request.instanceIds, instances.count > CancelInvocationRequest.maximumInstances
      else { return [request] }
      return stride(from: 0, to: instances.count, by: CancelInvocationRequest.maximumInstances).map {
        CancelInvocationRequest(
          invocationId: request.invocationId,
          instanceIds: Array(
            instances[$0..<min($0 + CancelInvocationRequest.maximumInstances, instances.count)]))
      }
    }
    let summary =
      "cancel: CancelInvocation on \(ids.count) invocation\(ids.count == 1 ? "" : "s") (\(ChangeGate.list(ids)))"
    guard
      try gate.allows(
        summary, calls: requests.map { (CancelInvocationRequest.action, $0) }, service: service,
        isConfirmed: options.isConfirmed)
    else { return nil }
    for request in requests { _ = try await service.cancelInvocation(request) }
    var after: [Record] = []
    for start in stride(from: 0, to: ids.count, by: APILimits.ids) {
      let batch = Array(ids[start..<min(start + APILimits.ids, ids.count)])
      after += try await service.describeInvocations(
        DescribeInvocationsRequest(invocationIds: batch, limit: APILimits.pageSize)
      ).invocationSet.map { try Record(encoding: $0) }
    }
    return after
  }
}
