import ArgumentParser
import Foundation
import TATCloud
import TATCore
import TATEmbedded
import TatshEngine

/// Which backend the pipelines ask: the embedded store, or Tencent Cloud
/// (or anything that speaks its API, such as `tatsh serve`).
struct BackendOptions: ParsableArguments {
  enum Backend: String, ExpressibleByArgument, CaseIterable {
    case embedded, cloud
  }

  @Option(help: "embedded or cloud (default: cloud when credentials are found, embedded otherwise).")
  var backend: Backend?

  @Option(
    help: ArgumentHelp(
      "The API endpoint (default tat.tencentcloudapi.com; http://HOST:PORT for tatsh serve).",
      valueName: "host"))
  var endpoint: String?

  @Option(help: "The region, e.g. ap-guangzhou (default: TENCENTCLOUD_REGION or the profile's).")
  var region: String?

  @Option(help: "The profile in ~/.tccli to take credentials and region from (default: default).")
  var profile: String?

  @Option(
    name: .customLong("secret-id"),
    help: "The SecretId (prefer TENCENTCLOUD_SECRET_ID: flags land in shell history).")
  var secretId: String?

  @Option(name: .customLong("secret-key"), help: "The SecretKey (prefer TENCENTCLOUD_SECRET_KEY).")
  var secretKey: String?

  @Option(
    help: ArgumentHelp(
      "A JSON file with the secretId and secretKey, as tccli keeps them (such as the one tatsh serve makes).",
      valueName: "file"))
  var credentials: String?

  @Option(
    name: .customLong("cacert"),
    help: ArgumentHelp(
      "Trust the certificates in this PEM file (and only those) for an HTTPS endpoint, such as tatsh serve --tls-cert's.",
      valueName: "file"))
  var certificateAuthority: String?

  @Option(
    help: ArgumentHelp(
      "Seconds an API answer may take before the request counts as failed and, if it only reads, is tried again (cloud; default 30).",
      valueName: "seconds"))
  var timeout: Double?

  func validate() throws {
    if let timeout, !(timeout > 0 && timeout <= 3600) {
      throw ValidationError("--timeout takes seconds above 0 and at most 3600, not \(timeout)")
    }
    if credentials != nil, secretId != nil || secretKey != nil {
      throw ValidationError("Give --credentials or --secret-id and --secret-key, not both.")
    }
  }

  /// The backend to use, and the line for the interactive shell's banner
  /// (made only when asked: counting a big store takes a while).
  func service(store: StoreOptions) async throws -> (
    service: any TATService, banner: @Sendable () async throws -> String
  ) {
    let environment = ProcessInfo.processInfo.environment
    if secretKey != nil {
      FileHandle.standardError.write(
        Data(
          "tatsh: warning: --secret-key lands in your shell history; prefer TENCENTCLOUD_SECRET_KEY\n".utf8))
    }
    let settings: CloudSettings?
    do {
      settings = try CloudSettings.resolve(
        secretId: secretId, secretKey: secretKey, credentialsFile: credentials, profile: profile,
        region: region, endpoint: endpoint,
        environment: environment)
    } catch {
      throw UsageFailure(error.description)
    }
    switch backend ?? (settings == nil ? .embedded : .cloud) {
    case .cloud:
      guard let settings else {
        throw UsageFailure(
          "no credentials for the cloud backend: set TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY, run tccli configure, or give --credentials FILE or --secret-id and --secret-key"
        )
      }
      // Only credentials that are used are worth a warning.
      for warning in settings.warnings {
        FileHandle.standardError.write(Data("tatsh: warning: \(warning)\n".utf8))
      }
      let cloud: CloudTAT
      do {
        cloud = try CloudTAT(
          settings: settings,
          timeout: timeout.map { .milliseconds(Int64($0 * 1000)) } ?? CloudTAT.defaultTimeout,
          trusting: certificateAuthority)
      } catch let error as TATError {
        throw UsageFailure("--cacert \(error.message)")
      }
      let banner =
        "tatsh on \(settings.endpoint)\(settings.region.map { " (\($0))" } ?? "") as \(settings.credentials.secretId), from \(settings.credentialSource)"
      return (cloud, { banner })
    case .embedded:
      let embedded = try store.open()
      try await Seed.seedIfEmpty(embedded)
      return (
        embedded,
        {
          "tatsh on the embedded store \(embedded.path) (\(try await embedded.invocationCount()) invocations)"
        }
      )
    }
  }
}
