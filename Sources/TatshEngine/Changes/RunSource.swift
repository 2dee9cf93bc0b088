import Foundation
import TATCore

/// `run 'CMD' on ID…`: makes the invocation (RunCommand), waits for it with
/// a live status line, and hands on its tasks; with `--no-wait`, the
/// invocation at once.
final class RunSource: RecordStream {
  private let options: RunOptions
  private let service: any TATService
  private let gate: ChangeGate
  private let progress: ProgressLine?
  private var isDone = false

  init(_ options: RunOptions, service: any TATService, gate: ChangeGate, progress: ProgressLine?) {
    self.options = options
    self.service = service
    self.gate = gate
    self.progress = progress
  }

  /// The request `run` makes.
  static func request(for options: RunOptions) -> RunCommandRequest {
    RunCommandRequest(
      content: Data(options.script.utf8).base64EncodedString(), instanceIds: options.instanceIds,
      commandName: "tatsh-run", workingDirectory: options.workingDirectory, timeout: options.timeout,
      username: options.username)
  }

  func nextPage() async throws -> [Record]? {
    guard !isDone else { return nil }
    isDone = true
    let request = Self.request(for: options)
    let summary =
      "RunCommand '\(options.script.prefix(60))' on \(options.instanceIds.count) instance\(options.instanceIds.count == 1 ? "" : "s") (\(ChangeGate.list(options.instanceIds)))"
    guard
      try gate.allows(
        summary, calls: [(RunCommandRequest.action, request)], service: service,
        isConfirmed: options.isConfirmed)
    else { return nil }
    let created = try await service.runCommand(request)
    let waiter = InvocationWaiter(service: service, progress: progress)
    guard options.waits else {
      let invocations = try await service.describeInvocations(
        DescribeInvocationsRequest(invocationIds: [created.invocationId], limit: 1)
      ).invocationSet
      return try invocations.map { try Record(encoding: $0) }
    }
    do {
      _ = try await waiter.finished([created.invocationId])
    } catch is CancellationError {
      // Ctrl-C stops the waiting, not the invocation: say so, and how to cancel it.
      throw StoppedWaiting(invocationId: created.invocationId)
    }
    progress?.finish()
    return try await waiter.tasks(of: created.invocationId).map { try Record(encoding: $0) }
  }
}

/// Ctrl-C while `run` waited: the invocation goes on, and the user is told so.
struct StoppedWaiting: Error, CustomStringConvertible {
  var invocationId: String

  var description: String {
    "stopped waiting for \(invocationId), which goes on running: `invocations \(invocationId)` shows it, `invocations \(invocationId) | cancel` cancels it"
  }
}
