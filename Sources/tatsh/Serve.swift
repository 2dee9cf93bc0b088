import ArgumentParser
import Foundation
import TATCloud
import TATGateway
import TATServer

/// `tatsh serve`: the embedded store on the wire, speaking the TAT API 3.0.
struct Serve: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "tatsh serve",
    abstract: "Serve the embedded store over HTTP or HTTPS as the TAT API, for the official SDKs and CLI.",
    discussion: """
      Point a client at http://HOST:PORT (for the Python SDK: HttpProfile(protocol="http", \
      endpoint="127.0.0.1:9000")). Requests are checked as Tencent Cloud checks them: action, \
      version, TC3 signature, body size and 20 requests a second per action. The key that \
      signatures are checked against comes from --secret-id/--secret-key, else --credentials, \
      else TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY; without one, any signature is \
      accepted. With --tls-cert and --tls-key it answers HTTPS, which the official CLI (tccli) \
      needs. Clients must then trust the certificate: the Python SDK through \
      HttpProfile(certification="CERT"); tccli only through certifi's bundle, because the SDK \
      under it ignores REQUESTS_CA_BUNDLE (the README shows a way).
      """)

  @OptionGroup var storeOptions: StoreOptions

  @Option(help: "The address to listen on (a loopback address unless --allow-remote).")
  var host = "127.0.0.1"

  @Flag(
    name: .customLong("allow-remote"),
    help: "Allow --host to be an address that other machines can reach.")
  var allowsRemote = false

  @Option(help: "The port to listen on (0 picks a free one).")
  var port = 9000

  @Option(name: .customLong("secret-id"), help: "The SecretId clients sign with.")
  var secretId: String?

  @Option(
    name: .customLong("secret-key"), help: "Its key (it lands in shell history: prefer the environment).")
  var secretKey: String?

  @Option(
    help: ArgumentHelp(
      "A JSON file with the secretId and secretKey clients sign with, as tccli keeps them.",
      valueName: "file"))
  var credentials: String?

  @Option(help: "Requests a second allowed per action (0: no limit, for benchmarks).")
  var rate = 20

  @Option(
    name: .customLong("request-timeout"),
    help: ArgumentHelp(
      "Seconds a client may take to send a whole request, from connecting or from the previous answer, before its connection is closed.",
      valueName: "seconds"))
  var requestTimeout: Double = 30

  @Option(
    name: .customLong("tls-cert"),
    help: ArgumentHelp("Answer HTTPS with this PEM certificate chain.", valueName: "file"))
  var tlsCertificate: String?

  @Option(
    name: .customLong("tls-key"), help: ArgumentHelp("The PEM private key of --tls-cert.", valueName: "file"))
  var tlsKey: String?

  func validate() throws {
    guard (0...65_535).contains(port) else {
      throw ValidationError("--port must be from 0 to 65535, got \(port).")
    }
    guard rate >= 0 else { throw ValidationError("--rate must be 0 (no limit) or more, got \(rate).") }
    guard requestTimeout > 0, requestTimeout <= 3600 else {
      throw ValidationError(
        "--request-timeout takes seconds above 0 and at most 3600, got \(requestTimeout).")
    }
    if (secretId == nil) != (secretKey == nil) {
      throw ValidationError("Give both --secret-id and --secret-key, or neither.")
    }
    if (tlsCertificate == nil) != (tlsKey == nil) {
      throw ValidationError("Give both --tls-cert and --tls-key, or neither.")
    }
    if secretId != nil, credentials != nil {
      throw ValidationError("Give --secret-id and --secret-key or --credentials, not both.")
    }
    if !allowsRemote, !Self.isLoopback(host) {
      throw ValidationError(
        "--host \(host) is not a loopback address, so other machines could reach the store; add --allow-remote if that is meant."
      )
    }
  }

  /// Whether `host` names this machine only: 127.0.0.0/8, ::1 or localhost.
  static func isLoopback(_ host: String) -> Bool {
    let address = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
    if address == "localhost" || address == "::1" { return true }
    let parts = address.split(separator: ".", omittingEmptySubsequences: false)
    return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0) != nil }
  }

  func run() async throws {
    let environment = ProcessInfo.processInfo.environment
    let certificate = tlsCertificate.map { ServerCertificate(certificatePath: $0, keyPath: tlsKey ?? "") }
    if let certificate {
      do {
        _ = try certificate.configuration()
      } catch {
        throw ValidationError("\(error)")
      }
    }
    var keys: [String: String] = [:]
    if let secretId, let secretKey {
      keys[secretId] = secretKey
    } else if let credentials {
      do {
        let found = try CloudSettings.credentials(inFile: credentials)
        keys[found.secretId] = found.secretKey
        if let warning = CredentialFile.exposureWarning(for: credentials) {
          FileHandle.standardError.write(Data("tatsh serve: warning: \(warning)\n".utf8))
        }
      } catch {
        throw ValidationError("\(error)")
      }
    } else if let id = environment["TENCENTCLOUD_SECRET_ID"], let key = environment["TENCENTCLOUD_SECRET_KEY"]
    {
      keys[id] = key
    }
    let checking = keys.keys.first.map { "signatures checked for SecretId \($0)" } ?? "signatures not checked"
    if !Self.isLoopback(host), keys.isEmpty {
      FileHandle.standardError.write(
        Data(
          "tatsh serve: warning: anyone who can reach \(host) can read the store: signatures are not checked\n"
            .utf8))
    }
    // serve's tasks run on the event loops that read and write the
    // connections, and so do its store reads: no request changes threads.
    // A third more requests a second than hopping to a pool and to the store's readers (BENCHMARKS.md).
    let onEventLoops = EventLoopConcurrency.install()
    let service = try storeOptions.open(readsOnCallingThread: onEventLoops)
    try await Seed.seedIfEmpty(service)
    let gateway = APIGateway(service: service, keys: keys, requestsPerSecond: rate)
    let server = TATHTTPServer(
      gateway: gateway, host: host, port: port, certificate: certificate,
      requestTimeout: .milliseconds(Int64(requestTimeout * 1000)))
    let url = "\(server.scheme)://\(host)"
    let path = service.path
    try await server.run { port in
      FileHandle.standardOutput.write(
        Data("tatsh serve: listening on \(url):\(port) (embedded store \(path); \(checking))\n".utf8))
    }
    FileHandle.standardError.write(Data("tatsh serve: stopped after \(gateway.tally.summary)\n".utf8))
  }
}
