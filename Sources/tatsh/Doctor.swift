import ArgumentParser
import Foundation
import TatshEngine

/// `tatsh doctor`: checks, one line each, what a call of tatsh depends on,
/// and names the fix for each problem; for a user whose calls fail and who
/// does not know why.
struct Doctor: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "doctor",
    abstract: "Check the credentials, region, endpoint, clock, store, terminal and plugins tatsh would use.",
    discussion: """
      Takes the same options as tatsh itself. Each check is one line, marked with
      a tick when fine, ! for a warning, a cross for a problem (with its fix below
      it, where the message does not say it), a dash when it does not apply; or
      "not checked" when an earlier check failed.

        backend      the one the options and the environment choose; a choice
                     tatsh would refuse is a problem, with tatsh's message
        credentials  where they come from (flags, environment, profile file), the
                     SecretId masked, never the key; a key file that other users
                     can read is a problem, with the chmod that fixes it
        region       given, well formed, one tatsh knows
        endpoint     resolves and answers one signed, read-only DescribeInvocations
                     within --timeout (here 10 s unless given), and how fast
        clock        this machine's against the answer's Date header: a warning
                     past 60 s, a problem past 300 s, where signatures expire
        signed call  the API's answer: its error code and RequestId if it refused
        store        the embedded store's path and size, PRAGMA integrity_check,
                     its schema's version and records; read-only: doctor never
                     makes, migrates or seeds a store
        libedit, terminal, TERM, colours, width, locale
                     what the interactive shell and the tables will have
        plugins      the plugin folders, and each plugin asked afresh to describe
                     itself, as tatsh plugins check does

      On the embedded backend the credentials, region, endpoint, clock and call are
      not applicable; on the cloud backend the store is not used.

      Exit status: 0 when no check failed (warnings allowed), 1 when one did, 2
      when tatsh would refuse the command line or the set-up (options, profile,
      environment) as a usage error, as tatsh config does; the report still shows
      the rest.
      """)

  @OptionGroup var storeOptions: StoreOptions
  @OptionGroup var backendOptions: BackendOptions

  /// How long the endpoint may take to answer when `--timeout` is not given:
  /// shorter than a pipeline's 30 s, because a diagnosis should not keep anyone waiting.
  static let defaultTimeout = 10.0

  func run() async throws {
    let environment = ProcessInfo.processInfo.environment
    let backend = await backendFindings(environment: environment)
    var findings = backend.findings
    switch backend.usesStore {
    case true?: findings += storeFindings(environment: environment)
    case false?: findings.append(storeNotUsed())
    case nil: findings.append(.notChecked("store", because: "tatsh refuses this set-up (backend, above)"))
    }
    findings += terminalFindings(environment: environment)
    findings += pluginFindings(environment: environment)
    let width = findings.map(\.subject.count).max() ?? 0
    let failures = findings.filter { $0.verdict == .failed }.count
    let warnings = findings.filter { $0.verdict == .warning }.count
    var text = findings.map { $0.line(subjectWidth: width) }.joined()
    text +=
      "\n"
      + (failures == 0
        ? "No problems" + (warnings == 0 ? "." : "; \(Self.count(warnings, "warning")).")
        : "\(Self.count(failures, "problem"))"
          + (warnings == 0 ? "." : " and \(Self.count(warnings, "warning")).")) + "\n"
    FileHandle.standardOutput.write(Data(text.utf8))
    // A set-up tatsh refuses is a usage error there (exit 2, as tatsh config says it), and so here.
    if backend.usesStore == nil { throw ExitCode(ExitStatus.usage.rawValue) }
    if failures > 0 { throw ExitCode(1) }
  }

  /// `3 problems`, `1 warning`.
  static func count(_ number: Int, _ noun: String) -> String {
    "\(number) \(noun)\(number == 1 ? "" : "s")"
  }

  private func storeNotUsed() -> DoctorFinding {
    .notApplicable("store", "the cloud backend does not use the embedded store (\(storeOptions.path))")
  }
}
