import ArgumentParser
import Foundation
import TATEmbedded
import TatshEngine
import TatshLanguage
import TatshREPL
import TatshRelease

#if canImport(Glibc)
  import Glibc
#endif

/// `tatsh`: the REPL, `-c PIPELINE`, or a script file.
@main
struct Tatsh: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "tatsh",
    abstract: "A shell for exploring and scripting Tencent Cloud Automation Tools (TAT) executions.",
    usage: """
      tatsh [<options>] [-c <pipeline> | <script> [<args> ...]]
      tatsh <subcommand> [<options>]
      """,
    discussion: """
      With no arguments, tatsh starts an interactive shell. With -c it runs one \
      pipeline; with a file it runs that script. The embedded store is seeded with \
      demo data the first time it is used.

      Example: tatsh -c 'invocations where status=FAILED | tasks | decode'

      Exit status: 0 success, 1 runtime error, 2 usage or parse error.
      """,
    version: TatshRelease.description,
    subcommands: commands)

  /// tatsh's commands besides the shell: `tatsh seed`, `tatsh serve`…
  static let commands: [any ParsableCommand.Type] = [
    Seed.self, Serve.self, Instances.self, Config.self, Doctor.self, Plugins.self, Runner.self,
  ]

  @OptionGroup var options: ShellOptions

  @Argument(
    help: ArgumentHelp("A .tatsh script to run.", valueName: "script"),
    completion: .file(extensions: ["tatsh"]))
  var script: String?

  @Argument(
    parsing: .captureForPassthrough, help: ArgumentHelp("Arguments for the script.", valueName: "args"))
  var scriptArguments: [String] = []

  func validate() throws {
    if options.command != nil, script != nil {
      throw ValidationError("Give either -c PIPELINE or a script file, not both.")
    }
  }

  func run() async throws {
    let program = try programToRun()
    let report: @Sendable (String) -> Void = { line in
      FileHandle.standardError.write(Data("tatsh: \(line)\n".utf8))
    }
    var (service, banner) = try await options.backendOptions.service(
      store: options.storeOptions, reportRetry: options.verbose ? report : nil)
    if options.verbose {
      report("\(TatshRelease.description), asking \(service.identity)")
      service = TracedService(service, report: report)
    }
    let session = Session(
      service: service, output: FileDescriptorOutput.standardOutput(),
      errors: FileDescriptorOutput.standardError(),
      terminal: ProcessTerminal.current(environment: ProcessInfo.processInfo.environment))
    session.confirmation = ProcessTerminal.confirmation(errors: FileDescriptorOutput.standardError())
    let status: ExitStatus
    if let program {
      status = await REPL.runInterruptibly(
        session, program.text, origin: program.origin, arguments: scriptArguments)
      if let requested = session.requestedExit, status == .success {
        if requested != 0 { throw ExitCode(requested) }
        return
      }
      if status == .failure, let own = session.failureStatus { throw ExitCode(own) }
    } else {
      let banner = try await banner()
      FileHandle.standardError.write(
        Data(
          """
          \(banner)
          try: invocations where status=FAILED | tasks | decode    (exit or Ctrl-D to leave)

          """.utf8))
      let code = await REPL(
        session: session, backendName: service.name, errors: FileDescriptorOutput.standardError()
      ).run()
      if code != 0 { throw ExitCode(code) }
      return
    }
    if status != .success { throw ExitCode(status.rawValue) }
  }

  /// The text to run and where it came from: `-c`, the script, or standard
  /// input when that is not a terminal; nil for the interactive shell.
  private func programToRun() throws -> (text: String, origin: String)? {
    if let command = options.command { return (command, "-c") }
    if let script {
      guard let data = FileManager.default.contents(atPath: script) else {
        let hint =
          if Self.commandNames.contains(script) {
            " (\(script) is a command: put it first and its options after it, as in tatsh \(script) --help)"
          } else if !script.contains("/"), !script.contains("."),
            let command = Suggestion.closest(to: script, among: Self.visibleCommandNames)
          {
            "; did you mean the command \(command)? (tatsh \(command) --help)"
          } else {
            ""
          }
        throw UsageFailure("cannot read the script \(script)\(hint)")
      }
      return (String(decoding: data, as: UTF8.self), script)
    }
    guard isatty(0) != 1 else { return nil }
    return (String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self), "<stdin>")
  }

  /// The names of tatsh's commands (`seed`, `serve`…).
  static var commandNames: [String] { commands.compactMap { $0.configuration.commandName } }

  /// The commands `tatsh --help` lists (all but `runner`, which tatsh starts itself).
  static var visibleCommandNames: [String] {
    commands.filter { $0.configuration.shouldDisplay }.compactMap { $0.configuration.commandName }
  }

  /// The root that parses a command line: `Commands` for `tatsh seed …` and
  /// `tatsh help seed`, `CompletionShape` for the completion scripts, the
  /// shell itself otherwise.
  private static func root(of arguments: [String]) -> any ParsableCommand.Type {
    guard let first = arguments.first, arguments != ["help"] else { return Tatsh.self }
    if first == "--generate-completion-script" || first == "---completion" { return CompletionShape.self }
    return first == "help" || commandNames.contains(first) ? Commands.self : Tatsh.self
  }

  /// Parses the command line and runs it (the shell, or one of the commands);
  /// usage errors exit with 2, runtime errors with 1.
  nonisolated static func main() async {
    // Pipes to plugins and hooks report EPIPE instead of ending tatsh.
    signal(SIGPIPE, SIG_IGN)
    var arguments = Array(CommandLine.arguments.dropFirst())
    if arguments == ["help"] { arguments = ["--help"] }
    let root = root(of: arguments)
    do {
      if arguments.first == "help", let name = arguments.dropFirst().first, !commandNames.contains(name) {
        let guess =
          Suggestion.closest(to: name, among: visibleCommandNames).map { "did you mean \($0)? " } ?? ""
        throw UsageFailure(
          "\(name) is not a command of tatsh (\(visibleCommandNames.joined(separator: ", "))); \(guess)for the language's help: tatsh -c 'help \(name)'"
        )
      }
      var command = try root.parseAsRoot(arguments)
      if var asynchronous = command as? AsyncParsableCommand {
        try await asynchronous.run()
      } else {
        try command.run()
      }
    } catch let failure as RuntimeFailure {
      FileHandle.standardError.write(Data("tatsh: \(failure)\n".utf8))
      Foundation.exit(ExitStatus.failure.rawValue)
    } catch let failure as UsageFailure {
      FileHandle.standardError.write(Data("tatsh: \(failure)\n".utf8))
      Foundation.exit(ExitStatus.usage.rawValue)
    } catch {
      if root.exitCode(for: error) == .validationFailure {
        var message = root.fullMessage(for: error)
        if root == Tatsh.self, message.contains("'--yes'") {
          message +=
            "\n  --yes belongs to the stage that changes something, not to tatsh: tatsh -c \"run 'uptime' on ins-… --yes\" (run, rerun and cancel take it)"
        }
        FileHandle.standardError.write(Data((message + "\n").utf8))
        Foundation.exit(ExitStatus.usage.rawValue)
      }
      root.exit(withError: error)
    }
  }
}

/// An error in how tatsh was called: exit status 2.
struct UsageFailure: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}
