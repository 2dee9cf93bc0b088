import ArgumentParser
import Foundation
import TATCloud
import TATCore
import TATGateway
import TATServer

/// `tatsh serve`: the embedded store on the wire, speaking the TAT API 3.0.
struct Serve: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "serve",
    abstract: "Serve the embedded store over HTTP or HTTPS as the TAT API, for the official SDKs and CLI.",
    discussion: """
      Point a client at http://HOST:PORT (for the Python SDK: HttpProfile(protocol="http", \
      endpoint="127.0.0.1:9000")). Requests are checked as Tencent Cloud checks them: action, \
      version, TC3 signature, body size and 20 requests a second per action.

      Signatures are always checked. The key comes from --secret-id/--secret-key, else \
      --credentials, else TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY; without one, serve \
      makes one the first time and keeps it in $XDG_STATE_HOME/tatsh/serve.credential \
      (~/.local/state/tatsh/serve.credential, mode 0600), tccli's format: clients use that file \
      (tatsh --credentials FILE; tccli --profile NAME once it is linked as ~/.tccli/NAME.credential). \
      A credentials file that other users can read is refused.

      Only reads are served unless --allow-run is given: \(TATActions.actingPhrase) run \
      commands on this machine's local instances as the user serve runs as, or change what \
      will run, so without it they are refused with UnauthorizedOperation.

      Beyond loopback (--allow-remote), plain HTTP would carry every request and answer \
      unencrypted, so it needs --tls-cert and --tls-key, or --allow-plain-http. Clients must \
      then trust the certificate: the Python SDK through HttpProfile(certification="CERT"); \
      tccli only through certifi's bundle, because the SDK under it ignores REQUESTS_CA_BUNDLE \
      (the README shows a way).

      Each request is logged as one JSON line (time, client address, SecretId, action, region, \
      code, RequestId, duration; for actions that run or change something also the InstanceIds, \
      CommandId and InvocationId) on stderr, or appended to --access-log FILE. Keys and \
      signatures are never logged.
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

  @Flag(
    name: .customLong("allow-run"),
    help: "Answer \(TATActions.actingPhrase): run commands on the local instances.")
  var allowsRun = false

  @Flag(
    name: .customLong("allow-plain-http"),
    help: "With --allow-remote, answer plain HTTP: requests and answers cross the network unencrypted.")
  var allowsPlainHTTP = false

  @Option(
    name: .customLong("access-log"),
    help: ArgumentHelp("Append the audit log to this file instead of stderr.", valueName: "file"))
  var accessLog: String?

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

  @Option(
    name: .customLong("clock-offset"), parsing: .unconditional,
    help: ArgumentHelp(
      "For tests: shift serve's clock by this many seconds, both for checking signatures and in every answer's Date header.",
      valueName: "seconds", visibility: .private))
  var clockOffset = 0

  /// The most `--clock-offset` may shift serve's clock, either way: a day.
  static let largestClockOffset = 86_400

  func validate() throws {
    guard (-Self.largestClockOffset...Self.largestClockOffset).contains(clockOffset) else {
      throw ValidationError(
        "--clock-offset takes seconds from -\(Self.largestClockOffset) to \(Self.largestClockOffset), got \(clockOffset)."
      )
    }
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
    if allowsRemote, !Self.isLoopback(host), tlsCertificate == nil, !allowsPlainHTTP {
      throw ValidationError(
        "--allow-remote without --tls-cert and --tls-key would send every request and answer across the network unencrypted, where anyone on the way can read the store's output and replay a signed request; give a certificate, or --allow-plain-http if that is meant."
      )
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
        throw UsageFailure("\(error)")
      }
    }
    let (credentials, origin) = try serverCredentials(environment)
    let keys = [credentials.secretId: credentials.secretKey]
    let log: AccessLog
    do {
      log = try accessLog.map(AccessLog.init(appendingTo:)) ?? .standardError
    } catch {
      throw UsageFailure("\(error)")
    }
    if let origin { FileHandle.standardOutput.write(Data("tatsh serve: \(origin)\n".utf8)) }
    let mode =
      allowsRun
      ? "\(TATActions.actingPhrase) allowed (--allow-run): clients can run commands as \(NSUserName())"
      : "reads only: \(TATActions.actingPhrase) refused (--allow-run allows them)"
    // serve's tasks run on the event loops that read and write the
    // connections, and so do its store reads: no request changes threads.
    // A third more requests a second than hopping to a pool and to the store's readers (BENCHMARKS.md).
    let onEventLoops = EventLoopConcurrency.install()
    let service = try storeOptions.open(readsOnCallingThread: onEventLoops)
    try await Seed.seedIfEmpty(service, tellingOn: .standardOutput)
    let gateway = APIGateway(service: service, keys: keys, allowsChanges: allowsRun, requestsPerSecond: rate)
    let server = TATHTTPServer(
      gateway: gateway, host: host, port: port, certificate: certificate,
      requestTimeout: .milliseconds(Int64(requestTimeout * 1000)), accessLog: log, clockOffset: clockOffset)
    let url = "\(server.scheme)://\(host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host)"
    let path = service.path
    if clockOffset != 0 {
      FileHandle.standardOutput.write(
        Data("tatsh serve: its clock is shifted by \(clockOffset) s (--clock-offset, for tests)\n".utf8))
    }
    do {
      try await server.run { port in
        FileHandle.standardOutput.write(
          Data(
            "tatsh serve: listening on \(url):\(port) (embedded store \(path); signatures checked for SecretId \(credentials.secretId); \(mode))\n"
              .utf8))
      }
    } catch let failure as ListenFailure {
      throw RuntimeFailure(failure.description)
    }
    FileHandle.standardOutput.write(Data("tatsh serve: stopped after \(gateway.tally.summary)\n".utf8))
  }

  /// The SecretId and key clients must sign with, and where they came from
  /// when the user should be told (a file made or reused); never the key itself.
  private func serverCredentials(_ environment: [String: String]) throws -> (Credentials, origin: String?) {
    if let secretId, let secretKey { return (Credentials(secretId: secretId, secretKey: secretKey), nil) }
    if let credentials { return (try Self.privateCredentials(in: credentials), nil) }
    let id = environment["TENCENTCLOUD_SECRET_ID"] ?? ""
    let key = environment["TENCENTCLOUD_SECRET_KEY"] ?? ""
    if !id.isEmpty, !key.isEmpty { return (Credentials(secretId: id, secretKey: key), nil) }
    if !id.isEmpty || !key.isEmpty { throw UsageFailure(CloudSettings.halfSetEnvironment) }
    let file = Self.generatedCredentialsPath(environment)
    let (found, created): (Credentials, Bool)
    do {
      (found, created) = try CredentialFile.credentials(creatingIfAbsent: file)
    } catch {
      throw UsageFailure("\(error)")
    }
    try Self.refuseIfExposed(file)
    let verb = created ? "made a key for clients" : "clients sign with the key"
    return (
      found,
      "\(verb): SecretId \(found.secretId), in \(file) (tatsh --credentials \(file) --endpoint …)"
    )
  }

  /// `$XDG_STATE_HOME/tatsh/serve.credential`, where serve keeps the key it made.
  static func generatedCredentialsPath(_ environment: [String: String]) -> String {
    UserFolder.state.path(environment) + "/tatsh/serve.credential"
  }

  /// Refuses `file`, as ssh refuses such keys, when another user can read it.
  private static func refuseIfExposed(_ file: String) throws {
    guard let exposure = CredentialFile.exposure(of: file) else { return }
    throw UsageFailure(
      "\(exposure), so they could sign requests as its owner; make it private: \(CredentialFile.remedy(for: file))"
    )
  }

  /// The credentials in `file`, refused, as ssh refuses such keys, when another user can read it.
  private static func privateCredentials(in file: String) throws -> Credentials {
    try refuseIfExposed(file)
    do {
      return try CloudSettings.credentials(inFile: file)
    } catch {
      throw UsageFailure("\(error)")
    }
  }
}
