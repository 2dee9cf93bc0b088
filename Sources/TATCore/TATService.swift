/// A TAT backend: the embedded store, Tencent Cloud, or anything else that
/// answers the API's actions with the API's semantics and error codes.
///
/// This protocol is all the engine knows about a backend.
public protocol TATService: Sendable {
  /// A short name for prompts and banners, e.g. `embedded`.
  var name: String { get }
  func describeInvocations(_ request: DescribeInvocationsRequest) async throws
    -> DescribeInvocationsResponse
  func describeInvocationTasks(_ request: DescribeInvocationTasksRequest) async throws
    -> DescribeInvocationTasksResponse
  func describeCommands(_ request: DescribeCommandsRequest) async throws -> DescribeCommandsResponse
}
