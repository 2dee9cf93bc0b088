import TATCore

/// The benchmark runs on records in memory: any API call is a mistake.
struct UnavailableService: TATService {
  var name: String { "none" }
  func describeInvocations(_ request: DescribeInvocationsRequest) async throws -> DescribeInvocationsResponse
  {
    fatalError("the benchmark asked the API")
  }
  func describeInvocationTasks(_ request: DescribeInvocationTasksRequest) async throws
    -> DescribeInvocationTasksResponse
  {
    fatalError("the benchmark asked the API")
  }
  func describeCommands(_ request: DescribeCommandsRequest) async throws -> DescribeCommandsResponse {
    fatalError("the benchmark asked the API")
  }
  func runCommand(_ request: RunCommandRequest) async throws -> RunCommandResponse {
    fatalError("the benchmark asked the API")
  }
  func invokeCommand(_ request: InvokeCommandRequest) async throws -> InvokeCommandResponse {
    fatalError("the benchmark asked the API")
  }
  func cancelInvocation(_ request: CancelInvocationRequest) async throws -> CancelInvocationResponse {
    fatalError("the benchmark asked the API")
  }
}
