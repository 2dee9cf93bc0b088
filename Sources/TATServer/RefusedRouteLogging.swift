import Foundation
import Hummingbird
import TATGateway

/// Logs the requests that never reach the API (another path or method,
/// which Hummingbird refuses with an HTTP error), so that the audit log
/// holds a line for every request, not only for those the gateway answers.
struct RefusedRouteLogging: RouterMiddleware {
  typealias Context = ServeRequestContext
  let log: AccessLog

  func handle(
    _ request: Request, context: ServeRequestContext,
    next: (Request, ServeRequestContext) async throws -> Response
  ) async throws -> Response {
    let arrived = ContinuousClock.now
    do {
      return try await next(request, context)
    } catch let error as HTTPResponseError {
      var access = AccessRecord()
      access.time = Int(Date().timeIntervalSince1970)
      access.remoteAddress = context.client
      access.action = "\(request.method) \(request.uri.path.prefix(64))"
      access.code = "HTTP \(error.status.code)"
      access.milliseconds = Self.milliseconds(since: arrived)
      log.write(access)
      throw error
    }
  }

  static func milliseconds(since start: ContinuousClock.Instant) -> Double {
    let elapsed = (ContinuousClock.now - start).components
    return Double(elapsed.seconds) * 1000 + Double(elapsed.attoseconds) / 1e15
  }
}
