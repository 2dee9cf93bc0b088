import ArgumentParser
import Foundation
import TATServer

/// `tatsh serve`: the embedded store on the wire, speaking the TAT API 3.0.
struct Serve: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "tatsh serve",
    abstract: "Serve the embedded store over HTTP as the TAT API, for the official SDKs and CLI.",
    discussion: """
      Point a client at http://HOST:PORT (for the Python SDK: HttpProfile(protocol="http", \
      endpoint="127.0.0.1:9000")). Requests are checked as Tencent Cloud checks them: action, \
      version, TC3 signature (with the key given here or in TENCENTCLOUD_SECRET_ID and \
      TENCENTCLOUD_SECRET_KEY; without one, any signature is accepted), body size and 20 \
      requests a second per action.
      """)

  @OptionGroup var storeOptions: StoreOptions

  @Option(help: "The address to listen on.")
  var host = "127.0.0.1"

  @Option(help: "The port to listen on (0 picks a free one).")
  var port = 9000

  @Option(name: .customLong("secret-id"), help: "The SecretId clients sign with.")
  var secretId: String?

  @Option(
    name: .customLong("secret-key"), help: "Its key (it lands in shell history: prefer the environment).")
  var secretKey: String?

  @Option(help: "Requests a second allowed per action (0: no limit, for benchmarks).")
  var rate = 20

  func validate() throws {
    guard (0...65_535).contains(port) else {
      throw ValidationError("--port must be from 0 to 65535, got \(port).")
    }
    guard rate >= 0 else { throw ValidationError("--rate must be 0 (no limit) or more, got \(rate).") }
    if (secretId == nil) != (secretKey == nil) {
      throw ValidationError("Give both --secret-id and --secret-key, or neither.")
    }
  }

  func run() async throws {
    let environment = ProcessInfo.processInfo.environment
    let service = try storeOptions.open()
    try await Seed.seedIfEmpty(service)
    var keys: [String: String] = [:]
    if let secretId, let secretKey {
      keys[secretId] = secretKey
    } else if let id = environment["TENCENTCLOUD_SECRET_ID"], let key = environment["TENCENTCLOUD_SECRET_KEY"]
    {
      keys[id] = key
    }
    let checking = keys.keys.first.map { "signatures checked for SecretId \($0)" } ?? "signatures not checked"
    let server = TATHTTPServer(
      gateway: APIGateway(service: service, keys: keys, requestsPerSecond: rate), host: host, port: port)
    let host = self.host
    let path = service.path
    try await server.run { port in
      FileHandle.standardOutput.write(
        Data("tatsh serve: listening on http://\(host):\(port) (embedded store \(path); \(checking))\n".utf8))
    }
  }
}
