import Foundation
import TATCore

/// A backend that counts the requests it forwards, for `set timing on`
/// and the progress line.
final class RequestMeter: TATService, @unchecked Sendable {
  // `count` is guarded by `lock`: pipelines may call from several tasks.
  private let backend: any TATService
  private let lock = NSLock()
  private var count = 0

  init(_ backend: any TATService) {
    self.backend = backend
  }

  var name: String { backend.name }
  var asksBeforeChanges: Bool { backend.asksBeforeChanges }
  var wire: WireTally? { backend.wire }
  var identity: String { backend.identity }

  /// Requests made so far.
  var requests: Int { lock.withLock { count } }

  private func counted() { lock.withLock { count += 1 } }

  func describeInvocations(_ request: DescribeInvocationsRequest) async throws -> DescribeInvocationsResponse
  {
    counted()
    return try await backend.describeInvocations(request)
  }

  func describeInvocationTasks(_ request: DescribeInvocationTasksRequest) async throws
    -> DescribeInvocationTasksResponse
  {
    counted()
    return try await backend.describeInvocationTasks(request)
  }

  func describeCommands(_ request: DescribeCommandsRequest) async throws -> DescribeCommandsResponse {
    counted()
    return try await backend.describeCommands(request)
  }

  func runCommand(_ request: RunCommandRequest) async throws -> RunCommandResponse {
    counted()
    return try await backend.runCommand(request)
  }

  func invokeCommand(_ request: InvokeCommandRequest) async throws -> InvokeCommandResponse {
    counted()
    return try await backend.invokeCommand(request)
  }

  func cancelInvocation(_ request: CancelInvocationRequest) async throws -> CancelInvocationResponse {
    counted()
    return try await backend.cancelInvocation(request)
  }
}
