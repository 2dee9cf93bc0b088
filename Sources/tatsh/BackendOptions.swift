import ArgumentParser
import Foundation
import TATCloud
import TATCore
import TATEmbedded
import TatshEngine
import TatshRelease

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

  @Option(
    help:
      "The region, e.g. ap-guangzhou (default: a named profile's, then TENCENTCLOUD_REGION, then the default profile's)."
  )
  var region: String?

  @Option(
    help:
      "The profile in ~/.tccli to take credentials and region from; it comes before the environment (default: TCCLI_PROFILE, else the environment's keys, else default)."
  )
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
      "Seconds a cloud call may take, its retries included; one attempt of a read takes at most half (default 30; for tatsh doctor, 10).",
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

  /// The options given that only the cloud backend uses.
  var cloudOnlyOptions: [String] {
    [
      endpoint.map { _ in "--endpoint" }, region.map { _ in "--region" }, profile.map { _ in "--profile" },
      certificateAuthority.map { _ in "--cacert" }, timeout.map { _ in "--timeout" },
    ].compactMap { $0 }
  }

  /// The credentials given on the command line.
  private var credentialOptions: [String] {
    [
      secretId.map { _ in "--secret-id" }, secretKey.map { _ in "--secret-key" },
      credentials.map { _ in "--credentials" },
    ]
    .compactMap { $0 }
  }

  private static func list(_ names: [String]) -> String {
    names.count <= 1 ? names.joined() : names.dropLast().joined(separator: ", ") + " and " + names.last!
  }

  /// Which backend the options and the environment choose, and what the
  /// user must be warned of; a choice that could pass demo data off as the
  /// cloud's, or sign as someone unexpected, is a usage error.
  func choice(environment: [String: String], store: StoreOptions) throws -> BackendChoice {
    let cloudOnly = cloudOnlyOptions
    // Demo data must never pass for the cloud's: options meant for it are refused.
    let given = cloudOnly + credentialOptions
    if backend == .embedded, !given.isEmpty {
      throw UsageFailure(
        "\(Self.list(given)) \(Self.be(given)) for the cloud backend, and --backend embedded does not use \(given.count == 1 ? "it" : "them")"
      )
    }
    if backend == .embedded {
      // Nothing of the cloud's is read: a broken profile does not stop the offline store.
      return BackendChoice(cloud: nil, warnings: [], reason: "--backend")
    }
    let settings: CloudSettings?
    do {
      settings = try CloudSettings.resolve(
        secretId: secretId, secretKey: secretKey, credentialsFile: credentials, profile: profile,
        region: region, endpoint: endpoint, environment: environment)
    } catch {
      throw UsageFailure(error.description)
    }
    let searched = CloudSettings.placesSearched(environment: environment)
    var warnings: [String] = []
    if secretKey != nil {
      warnings.append("--secret-key lands in your shell history; prefer TENCENTCLOUD_SECRET_KEY")
    }
    switch backend ?? (settings == nil ? .embedded : .cloud) {
    case .cloud:
      guard let settings else {
        let forWhat = cloudOnly.isEmpty ? "" : " (\(Self.list(cloudOnly)) \(Self.be(cloudOnly)) for it)"
        throw UsageFailure("no credentials for the cloud backend\(forWhat); looked for \(searched)")
      }
      if store.store != nil {
        throw UsageFailure(
          "--store is for the embedded backend, and the cloud backend does not use it (\(reason(settings)))")
      }
      if let authority = certificateAuthority, settings.endpoint.lowercased().hasPrefix("http://") {
        throw UsageFailure(
          "--cacert \(authority) is for an https:// endpoint, and \(settings.endpoint) is plain HTTP, so it would not be used"
        )
      }
      // Only credentials that are used are worth a warning.
      warnings += settings.warnings
      do {
        if let warning = try settings.checkRegion() { warnings.append(warning) }
      } catch {
        throw UsageFailure(error.description)
      }
      return BackendChoice(
        cloud: settings, warnings: warnings, reason: backend == nil ? "credentials found" : "--backend")
    case .embedded:
      if !cloudOnly.isEmpty {
        throw UsageFailure(
          "\(Self.list(cloudOnly)) \(Self.be(cloudOnly)) for the cloud backend, but no credentials were found (looked for \(searched)); tatsh will not answer from its embedded demo store instead"
        )
      }
      let cloudVariables = (["TENCENTCLOUD_REGION"] + CloudSettings.tokenVariables).filter {
        !(environment[$0] ?? "").isEmpty
      }
      if let variable = cloudVariables.first, backend == nil {
        warnings.append(
          "\(variable) is set but no credentials were found, so tatsh answers from its embedded store (demo data), not the cloud"
        )
      }
      return BackendChoice(
        cloud: nil, warnings: warnings,
        reason: backend == nil ? "no credentials found (looked for \(searched))" : "--backend")
    }
  }

  /// The backend to use, and the line for the interactive shell's banner
  /// (made only when asked: counting a big store takes a while).
  /// - Parameter reportRetry: told of each retry of a cloud call (`--verbose`).
  func service(store: StoreOptions, reportRetry: (@Sendable (String) -> Void)? = nil) async throws -> (
    service: any TATService, banner: @Sendable () async throws -> String
  ) {
    let choice = try choice(environment: ProcessInfo.processInfo.environment, store: store)
    for warning in choice.warnings {
      FileHandle.standardError.write(Data("tatsh: warning: \(warning)\n".utf8))
    }
    if let settings = choice.cloud {
      let cloud: CloudTAT
      do {
        cloud = try CloudTAT(
          settings: settings,
          timeout: timeout.map { .milliseconds(Int64($0 * 1000)) } ?? CloudTAT.defaultTimeout,
          trusting: certificateAuthority, reportRetry: reportRetry)
      } catch let error as TATError {
        throw UsageFailure("--cacert \(error.message)")
      }
      let banner =
        "tatsh \(TatshRelease.version) on \(settings.endpoint)\(settings.region.map { " (\($0))" } ?? "") as \(settings.credentials.maskedSecretId), from \(settings.credentialSource)"
      return (cloud, { banner })
    }
    let embedded = try store.open()
    try await Seed.seedIfEmpty(embedded)
    return (
      embedded,
      {
        "tatsh \(TatshRelease.version) on the embedded store \(embedded.path) (\(try await embedded.invocationCount()) invocations)"
      }
    )
  }

  private static func be(_ names: [String]) -> String { names.count == 1 ? "is" : "are" }

  private func reason(_ settings: CloudSettings) -> String {
    backend == .cloud ? "--backend cloud" : "credentials were found: \(settings.credentialSource)"
  }
}

/// The backend a command line chooses: the cloud with its settings, or the
/// embedded store; with the warnings to print and why it was chosen.
struct BackendChoice {
  var cloud: CloudSettings?
  var warnings: [String]
  var reason: String
}
