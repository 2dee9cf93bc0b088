import Foundation
import Hummingbird
import HummingbirdTLS
import Logging
import NIOCore
import NIOSSL
import TATCore
import TATGateway

/// `tatsh serve`: any `TATService` on the wire, at `POST /`, for the
/// official SDKs and CLI to use, over HTTP or, with a certificate, HTTPS.
public struct TATHTTPServer: Sendable {
  public var gateway: APIGateway
  public var host: String
  public var port: Int
  public var certificate: ServerCertificate?

  /// How long a client may take to send a whole request before its connection is closed.
  public var requestTimeout: TimeAmount
  /// Where each request is recorded (nil: nowhere, for tests of the transport alone).
  public var accessLog: AccessLog?
  /// Seconds added to this machine's time wherever the server tells the time: the
  /// signatures' timestamps are checked against it and every answer's `Date` header
  /// gives it. Not 0 only in tests of clients against a server whose clock is off.
  public var clockOffset: Int

  public init(
    gateway: APIGateway, host: String = "127.0.0.1", port: Int = 9000, certificate: ServerCertificate? = nil,
    requestTimeout: TimeAmount = .seconds(30), accessLog: AccessLog? = .standardError, clockOffset: Int = 0
  ) {
    self.clockOffset = clockOffset
    self.requestTimeout = requestTimeout
    self.accessLog = accessLog
    self.gateway = gateway
    self.host = host
    self.port = port
    self.certificate = certificate
  }

  /// Past this, an oversized body is not even read to its end.
  static let largestBodyRead = 64 * 1024 * 1024

  /// The URL scheme clients use: `https` with a certificate.
  public var scheme: String { certificate == nil ? "http" : "https" }

  /// Serves until the process is told to stop (SIGINT or SIGTERM), letting
  /// requests in flight finish; `ready` is told the port once listening.
  public func run(ready: @escaping @Sendable (Int) -> Void) async throws {
    let router = Router(context: ServeRequestContext.self)
    let gateway = self.gateway
    let accessLog = self.accessLog
    let clockOffset = self.clockOffset
    if let accessLog { router.add(middleware: RefusedRouteLogging(log: accessLog)) }
    router.post("/") { request, context -> Response in
      let arrived = ContinuousClock.now
      let time = Int(Date().timeIntervalSince1970) + clockOffset
      var headers: [String: String] = [:]
      var repeated: String?
      for field in request.headers {
        let name = field.name.canonicalName
        if headers.updateValue(field.value, forKey: name) != nil, APIGateway.readsHeader(name) {
          repeated = repeated ?? field.name.rawName
        }
      }
      if headers["host"] == nil { headers["host"] = request.head.authority }
      // An oversized body is read to its end, so that the client, still sending, gets the answer.
      var body = ByteBuffer()
      var size = 0
      for try await chunk in request.body {
        size += chunk.readableBytes
        if size <= APIGateway.maximumBodySize { body.writeImmutableBuffer(chunk) }
        if size > Self.largestBodyRead { break }
      }
      let answer =
        if let repeated {
          gateway.refusalOfRepeatedHeader(repeated, headers: headers)
        } else if size > APIGateway.maximumBodySize {
          gateway.refusalOfOversizedBody(headers: headers)
        } else {
          await gateway.answer(headers: headers, body: Data(buffer: body), now: time)
        }
      if let accessLog {
        var access = answer.access
        access.time = time
        access.remoteAddress = context.client
        access.milliseconds = RefusedRouteLogging.milliseconds(since: arrived)
        accessLog.write(access)
      }
      return Response(
        status: .ok, headers: [.contentType: "application/json"],
        body: .init(byteBuffer: ByteBuffer(data: answer.body)))
    }
    let configuration = ApplicationConfiguration(address: .hostname(host, port: port), serverName: "tatsh")
    let limit = requestTimeout
    // The shifted Date header replaces Hummingbird's, which is set after the route answers.
    let handlers: @Sendable () -> [any RemovableChannelHandler] = {
      [RequestDeadline(limit: limit)] + (clockOffset == 0 ? [] : [ShiftedClock(offset: clockOffset)])
    }
    let running: @Sendable (any Channel) async -> Void = { channel in ready(channel.localAddress?.port ?? 0) }
    // stderr carries the audit log, one JSON line a request: Hummingbird says only what goes wrong.
    var logger = Logger(label: "tatsh serve")
    logger.logLevel = .warning
    do {
      if let certificate {
        let app = Application(
          router: router,
          server: try .tls(
            .http1(configuration: .init(additionalChannelHandlers: handlers())),
            tlsConfiguration: try certificate.configuration()),
          configuration: configuration, onServerRunning: running, logger: logger)
        try await app.runService()
      } else {
        let app = Application(
          router: router,
          server: .http1(configuration: .init(additionalChannelHandlers: handlers())),
          configuration: configuration, onServerRunning: running, logger: logger)
        try await app.runService()
      }
    } catch let error as IOError where error.errnoCode == EADDRINUSE || error.errnoCode == EACCES {
      let reason = error.errnoCode == EADDRINUSE ? "another program listens on it" : "it needs privileges"
      throw ListenFailure(
        description:
          "cannot listen on \(host):\(port): \(reason); choose another with --port (0 picks a free one)")
    }
  }
}

/// The certificate chain and private key (PEM files) that `serve` answers HTTPS with.
public struct ServerCertificate: Sendable {
  public var certificatePath: String
  public var keyPath: String

  public init(certificatePath: String, keyPath: String) {
    self.certificatePath = certificatePath
    self.keyPath = keyPath
  }

  /// A file that could not be read as what it should hold.
  public struct Problem: Error, CustomStringConvertible {
    public var description: String
  }

  /// The TLS configuration, or a problem naming the file at fault.
  public func configuration() throws -> TLSConfiguration {
    let chain: [NIOSSLCertificate]
    do {
      chain = try NIOSSLCertificate.fromPEMFile(certificatePath)
    } catch {
      throw Problem(description: "\(certificatePath): not a PEM certificate (\(error))")
    }
    guard !chain.isEmpty else { throw Problem(description: "\(certificatePath): no certificate in the file") }
    let key: NIOSSLPrivateKey
    do {
      key = try NIOSSLPrivateKey(file: keyPath, format: .pem)
    } catch {
      throw Problem(description: "\(keyPath): not a PEM private key (\(error))")
    }
    return .makeServerConfiguration(
      certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key))
  }
}

/// `serve` could not listen where it was asked to, in words a user can act on.
public struct ListenFailure: Error, CustomStringConvertible {
  public var description: String
}
