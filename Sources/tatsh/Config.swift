import ArgumentParser
import Foundation
import TATCloud

/// `tatsh config`: each setting that decides where pipelines go and as
/// whom, with where it came from; nothing is sent anywhere.
struct Config: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "config",
    abstract:
      "Show the backend, endpoint, region, credentials and store tatsh would use, and where each comes from.",
    discussion: """
      Takes the same options as tatsh itself. Nothing is sent: it shows what the \
      options, the environment and ~/.tccli decide, masks the SecretId, and says \
      which sources were found but lost to one that comes first. A choice tatsh \
      would refuse is shown as the same error, with exit status 2.
      """)

  @OptionGroup var storeOptions: StoreOptions
  @OptionGroup var backendOptions: BackendOptions

  func run() throws {
    let environment = ProcessInfo.processInfo.environment
    let choice = try backendOptions.choice(environment: environment, store: storeOptions)
    var rows: [(String, String, String)] = []
    if let settings = choice.cloud {
      rows.append(("backend", "cloud", choice.reason))
      rows.append(("endpoint", settings.endpoint, settings.endpointSource))
      rows.append(("region", settings.region ?? "(none)", settings.regionSource ?? "not given anywhere"))
      rows.append(("secret-id", settings.credentials.maskedSecretId, settings.credentialSource))
      rows.append(
        (
          "token", settings.credentials.token == nil ? "none" : "present",
          settings.tokenSource ?? "none given"
        ))
      rows.append(
        (
          "timeout", String(format: "%g s", backendOptions.timeout ?? CloudTAT.defaultTimeoutSeconds),
          backendOptions.timeout == nil ? "default" : "--timeout"
        ))
      if let authority = backendOptions.certificateAuthority {
        rows.append(("cacert", authority, "--cacert"))
      }
    } else {
      rows.append(("backend", "embedded", choice.reason))
      let source =
        storeOptions.store != nil
        ? "--store" : environment["TATSH_STORE"].map { _ in "TATSH_STORE" } ?? "default"
      rows.append(("store", storeOptions.path, source))
    }
    let nameWidth = rows.map(\.0.count).max()! + 2
    let valueWidth = rows.map(\.1.count).max()! + 2
    var text = ""
    for (name, value, source) in rows {
      text +=
        name.padding(toLength: nameWidth, withPad: " ", startingAt: 0)
        + value.padding(toLength: valueWidth, withPad: " ", startingAt: 0) + source + "\n"
    }
    let notes =
      choice.warnings.map { "warning: \($0)" } + (choice.cloud?.overridden ?? []).map { "not used: \($0)" }
    if !notes.isEmpty { text += "\n" + notes.map { $0 + "\n" }.joined() }
    FileHandle.standardOutput.write(Data(text.utf8))
  }
}
