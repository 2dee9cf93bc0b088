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

  public func send<Request: TATRequest>(_ request: Request) async throws -> Request.Response {
    let started = ContinuousClock.now
    let parameters = Self.parameters(of: request)
    func elapsed() -> String {
      let duration = ContinuousClock.now - started
      let milliseconds =
        Double(duration.components.seconds) * 1_000 + Double(duration.components.attoseconds) / 1e15
      return String(format: "%.0f ms", milliseconds)
    }
    do {
      let response = try await backend.send(request)
      report(
        "\(Request.action) \(parameters) → \(response.summary), RequestId \(response.requestId), \(elapsed())"
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
