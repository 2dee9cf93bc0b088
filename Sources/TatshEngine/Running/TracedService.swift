import Foundation
import TATCore

/// A backend that reports every request it forwards, for `tatsh --verbose`:
/// the action, its parameters, the `RequestId` of the answer or its error
/// code, and how long it took. Requests hold no credentials, so neither
/// does the trace.
public final class TracedService: TATService {
  private let backend: any TATService
  private let report: @Sendable (String) -> Void

  /// - Parameter report: receives one line per request, without a newline.
  public init(_ backend: any TATService, report: @escaping @Sendable (String) -> Void) {
    self.backend = backend
    self.report = report
  }

  public var name: String { backend.name }
  public var asksBeforeChanges: Bool { backend.asksBeforeChanges }
  public var wire: WireTally? { backend.wire }
  public var identity: String { backend.identity }

  public func describeInvocations(_ request: DescribeInvocationsRequest) async throws
    -> DescribeInvocationsResponse
  {
    try await traced(request, { "\($0.invocationSet.count) of \($0.totalCount)" }) {
      try await backend.describeInvocations(request)
    }
  }

  public func describeInvocationTasks(_ request: DescribeInvocationTasksRequest) async throws
    -> DescribeInvocationTasksResponse
  {
    try await traced(request, { "\($0.invocationTaskSet.count) of \($0.totalCount)" }) {
      try await backend.describeInvocationTasks(request)
    }
  }

  public func describeCommands(_ request: DescribeCommandsRequest) async throws -> DescribeCommandsResponse {
    try await traced(request, { "\($0.commandSet.count) of \($0.totalCount)" }) {
      try await backend.describeCommands(request)
    }
  }

  public func runCommand(_ request: RunCommandRequest) async throws -> RunCommandResponse {
    try await traced(request, { $0.invocationId }) { try await backend.runCommand(request) }
  }

  public func invokeCommand(_ request: InvokeCommandRequest) async throws -> InvokeCommandResponse {
    try await traced(request, { $0.invocationId }) { try await backend.invokeCommand(request) }
  }

  public func cancelInvocation(_ request: CancelInvocationRequest) async throws -> CancelInvocationResponse {
    try await traced(request, { _ in "cancelled" }) { try await backend.cancelInvocation(request) }
  }

  private func traced<Request: TATRequest>(
    _ request: Request, _ summary: (Request.Response) -> String,
    _ call: () async throws -> Request.Response
  ) async throws -> Request.Response {
    let started = ContinuousClock.now
    let parameters = Self.parameters(of: request)
    func elapsed() -> String {
      let duration = ContinuousClock.now - started
      let milliseconds =
        Double(duration.components.seconds) * 1_000 + Double(duration.components.attoseconds) / 1e15
      return String(format: "%.0f ms", milliseconds)
    }
    do {
      let response = try await call()
      report(
        "\(Request.action) \(parameters) → \(summary(response)), RequestId \(response.requestId), \(elapsed())"
      )
      return response
    } catch let error as TATError {
      report(
        "\(Request.action) \(parameters) → \(error.code)\(error.requestId.map { ", RequestId \($0)" } ?? ""), \(elapsed())"
      )
      throw error
    } catch {
      report(
        "\(Request.action) \(parameters) → \(error is CancellationError ? "cancelled" : "failed"), \(elapsed())"
      )
      throw error
    }
  }

  private static func parameters(of request: some TATRequest) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    let text = (try? encoder.encode(request)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    return text.count > 400 ? text.prefix(400) + "…" : text
  }
}
