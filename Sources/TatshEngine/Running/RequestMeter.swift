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

  func send<Request: TATRequest>(_ request: Request) async throws -> Request.Response {
    counted()
    return try await backend.send(request)
  }
}
