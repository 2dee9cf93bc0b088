/// A TAT backend: the embedded store, Tencent Cloud, or anything else that
/// answers the API's actions with the API's semantics and error codes.
///
/// This protocol is all the engine knows about a backend.
public protocol TATService: Sendable {
  /// A short name for prompts and banners, e.g. `embedded`.
  var name: String { get }
  /// Whether tatsh should ask before changing anything through this backend.
  var asksBeforeChanges: Bool { get }
  /// Where and as whom it acts, for a question before a change: the
  /// endpoint, region and masked SecretId of a cloud backend.
  var identity: String { get }
  func describeInvocations(_ request: DescribeInvocationsRequest) async throws
    -> DescribeInvocationsResponse
  func describeInvocationTasks(_ request: DescribeInvocationTasksRequest) async throws
    -> DescribeInvocationTasksResponse
  func describeCommands(_ request: DescribeCommandsRequest) async throws -> DescribeCommandsResponse
  /// Creates an invocation of a new script; not idempotent.
  func runCommand(_ request: RunCommandRequest) async throws -> RunCommandResponse
  /// Creates an invocation of a saved command; not idempotent.
  func invokeCommand(_ request: InvokeCommandRequest) async throws -> InvokeCommandResponse
  func cancelInvocation(_ request: CancelInvocationRequest) async throws -> CancelInvocationResponse
  /// The requests sent on the wire, retries included, where the backend has a wire.
  var wire: WireTally? { get }
}

extension TATService {
  /// Whether changes made through this backend reach real machines that
  /// others depend on (Tencent Cloud), so that tatsh asks before making them.
  public var asksBeforeChanges: Bool { false }

  public var wire: WireTally? { nil }

  public var identity: String { name }
}
