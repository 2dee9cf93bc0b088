import Foundation
import Hummingbird
import TATCore

/// `tatsh serve`: any `TATService` on the wire, at `POST /`, for the
/// official SDKs and CLI to use.
public struct TATHTTPServer: Sendable {
  public var gateway: APIGateway
  public var host: String
  public var port: Int

  public init(gateway: APIGateway, host: String = "127.0.0.1", port: Int = 9000) {
    self.gateway = gateway
    self.host = host
    self.port = port
  }

  /// Serves until the process is interrupted; `ready` is told the port once listening.
  public func run(ready: @escaping @Sendable (Int) -> Void) async throws {
    let router = Router()
    let gateway = self.gateway
    router.post("/") { request, _ -> Response in
      var request = request
      let body = try await request.collectBody(upTo: APIGateway.maximumBodySize + 1)
      var headers: [String: String] = [:]
      for field in request.headers { headers[field.name.canonicalName] = field.value }
      if headers["host"] == nil { headers["host"] = request.head.authority }
      let answer = await gateway.respond(headers: headers, body: Data(buffer: body))
      return Response(
        status: .ok, headers: [.contentType: "application/json"],
        body: .init(byteBuffer: ByteBuffer(data: answer)))
    }
    let app = Application(
      router: router, configuration: .init(address: .hostname(host, port: port), serverName: "tatsh"),
      onServerRunning: { channel in ready(channel.localAddress?.port ?? 0) })
    try await app.runService()
  }
}
