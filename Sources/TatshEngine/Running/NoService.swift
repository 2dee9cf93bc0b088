import TATCore

/// A backend that answers nothing: for planning, which never calls one.
struct NoService: TATService {
  var name: String { "none" }

  private func unavailable() -> TATError {
    TATError(code: TATError.Code.internalError, message: "no backend: this session only plans")
  }

  func describeInvocations(_ request: DescribeInvocationsRequest) async throws -> DescribeInvocationsResponse
  {
    throw unavailable()
  }

  func describeInvocationTasks(_ request: DescribeInvocationTasksRequest) async throws
    -> DescribeInvocationTasksResponse
  {
    throw unavailable()
  }

  func describeCommands(_ request: DescribeCommandsRequest) async throws -> DescribeCommandsResponse {
    throw unavailable()
  }
}
