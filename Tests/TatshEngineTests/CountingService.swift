import TATCore

/// The requests a pipeline made, in order.
actor RequestLog {
  var invocations: [DescribeInvocationsRequest] = []
  var tasks: [DescribeInvocationTasksRequest] = []
  var commands: [DescribeCommandsRequest] = []

  func record(_ request: DescribeInvocationsRequest) { invocations.append(request) }
  func record(_ request: DescribeInvocationTasksRequest) { tasks.append(request) }
  func record(_ request: DescribeCommandsRequest) { commands.append(request) }
}

/// A backend that forwards to a real one and records every request, so tests
/// can count and inspect what a pipeline asked the API.
struct CountingService: TATService {
  let backend: any TATService
  let log = RequestLog()
  var name: String { backend.name }

  func describeInvocations(_ request: DescribeInvocationsRequest) async throws -> DescribeInvocationsResponse
  {
    await log.record(request)
    return try await backend.describeInvocations(request)
  }

  func describeInvocationTasks(_ request: DescribeInvocationTasksRequest) async throws
    -> DescribeInvocationTasksResponse
  {
    await log.record(request)
    return try await backend.describeInvocationTasks(request)
  }

  func describeCommands(_ request: DescribeCommandsRequest) async throws -> DescribeCommandsResponse {
    await log.record(request)
    return try await backend.describeCommands(request)
  }

  func runCommand(_ request: RunCommandRequest) async throws -> RunCommandResponse {
    try await backend.runCommand(request)
  }

  func invokeCommand(_ request: InvokeCommandRequest) async throws -> InvokeCommandResponse {
    try await backend.invokeCommand(request)
  }

  func cancelInvocation(_ request: CancelInvocationRequest) async throws -> CancelInvocationResponse {
    try await backend.cancelInvocation(request)
  }
}
