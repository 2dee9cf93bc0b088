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
  /// Answers one action. An action the backend cannot answer is a `TATError`
  /// (`UnsupportedOperation`), as the API answers.
  func send<Request: TATRequest>(_ request: Request) async throws -> Request.Response
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

// The actions by name, for the engine's call sites.
extension TATService {
  public func describeInvocations(_ request: DescribeInvocationsRequest) async throws
    -> DescribeInvocationsResponse
  {
    try await send(request)
  }

  public func describeInvocationTasks(_ request: DescribeInvocationTasksRequest) async throws
    -> DescribeInvocationTasksResponse
  {
    try await send(request)
  }

  public func describeCommands(_ request: DescribeCommandsRequest) async throws -> DescribeCommandsResponse {
    try await send(request)
  }

  /// Creates an invocation of a new script; not idempotent.
  public func runCommand(_ request: RunCommandRequest) async throws -> RunCommandResponse {
    try await send(request)
  }

  /// Creates an invocation of a saved command; not idempotent.
  public func invokeCommand(_ request: InvokeCommandRequest) async throws -> InvokeCommandResponse {
    try await send(request)
  }

  public func cancelInvocation(_ request: CancelInvocationRequest) async throws -> CancelInvocationResponse {
    try await send(request)
  }
}
