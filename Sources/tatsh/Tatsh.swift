import ArgumentParser
import Foundation
import TATEmbedded
import TatshEngine
import TatshREPL

#if canImport(Glibc)
  import Glibc
#endif

/// `tatsh`: the REPL, `-c PIPELINE`, or a script file.
@main
struct Tatsh: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "tatsh",
    abstract: "A shell for exploring and scripting Tencent Cloud Automation Tools (TAT) executions.",
    discussion: """
      With no arguments, tatsh starts an interactive shell. With -c it runs one \
      pipeline; with a file it runs that script. The embedded store is seeded with \
      demo data the first time it is used.

      Example: tatsh -c 'invocations where status=FAILED | tasks | decode'

      Other commands:
        tatsh seed        fill the embedded store with demo data (see tatsh seed --help)
        tatsh serve       serve the embedded store as the TAT API (see tatsh serve --help)
        tatsh instances   list (or add) the local instances that run commands for real
        tatsh config      show the backend, region and credentials tatsh would use, and from where
        tatsh doctor      check credentials, region, endpoint, clock, store, terminal and plugins
        tatsh plugins     list the plugins found (tatsh plugins check: ask each and report problems)

      Exit status: 0 success, 1 runtime error, 2 usage or parse error.
      """)

  @Option(
    name: .customShort("c"),
    help: ArgumentHelp("Run one pipeline (or several, separated by ';') and exit.", valueName: "pipeline"))
  var command: String?

  @Flag(
    name: [.customShort("v"), .long],
    help: "Print every API request on stderr: action, parameters, RequestId, time.")
  var verbose = false

  @OptionGroup var storeOptions: StoreOptions

  @OptionGroup var backendOptions: BackendOptions

  @Argument(
    help: ArgumentHelp("A .tatsh script to run.", valueName: "script"),
    completion: .file(extensions: ["tatsh"]))
  var script: String?

  @Argument(
    parsing: .captureForPassthrough, help: ArgumentHelp("Arguments for the script.", valueName: "args"))
  var scriptArguments: [String] = []

  func validate() throws {
    if command != nil, script != nil {
      throw ValidationError("Give either -c PIPELINE or a script file, not both.")
    }
  }

  func run() async throws {
    let program = try programToRun()
    let report: @Sendable (String) -> Void = { line in
      FileHandle.standardError.write(Data("tatsh: \(line)\n".utf8))
    }
    var (service, banner) = try await backendOptions.service(
      store: storeOptions, reportRetry: verbose ? report : nil)
    if verbose { service = TracedService(service, report: report) }
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
    if let command { return (command, "-c") }
    if let script {
      guard let data = FileManager.default.contents(atPath: script) else {
        let commands = ["seed", "serve", "instances", "config", "doctor", "plugins", "runner"]
        let hint =
          commands.contains(script)
          ? " (\(script) is a command: put it first and its options after it, as in tatsh \(script) --help)"
          : ""
        throw UsageFailure("cannot read the script \(script)\(hint)")
      }
      return (String(decoding: data, as: UTF8.self), script)
    }
    guard isatty(0) != 1 else { return nil }
    return (String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self), "<stdin>")
  }

  /// Parses the command line and runs it; usage errors exit with 2, runtime errors with 1.
  ///
  /// `seed`, `serve`, `instances`, `config`, `doctor`, `plugins` and `runner` are dispatched by hand: a root command with a script argument
  /// cannot also have argument-parser subcommands (the script swallows their names).
  nonisolated static func main() async {
    // Pipes to plugins and hooks report EPIPE instead of ending tatsh.
    signal(SIGPIPE, SIG_IGN)
    let arguments = Array(CommandLine.arguments.dropFirst())
    let parser: any ParsableCommand.Type =
      switch arguments.first {
      case "seed": Seed.self
      case "serve": Serve.self
      case "instances": Instances.self
      case "config": Config.self
      case "doctor": Doctor.self
      case "plugins": Plugins.self
      case "runner": Runner.self
      default: Tatsh.self
      }
    do {
      if parser == Seed.self {
        let seed = try Seed.parse(Array(arguments.dropFirst()))
        try await seed.run()
      } else if parser == Serve.self {
        let serve = try Serve.parse(Array(arguments.dropFirst()))
        try await serve.run()
      } else if parser == Plugins.self {
        try Plugins.parse(Array(arguments.dropFirst())).run()
      } else if parser == Config.self {
        try Config.parse(Array(arguments.dropFirst())).run()
      } else if parser == Doctor.self {
        try await Doctor.parse(Array(arguments.dropFirst())).run()
      } else if parser == Instances.self {
        try Instances.parse(Array(arguments.dropFirst())).run()
      } else if parser == Runner.self {
        try await Runner.parse(Array(arguments.dropFirst())).run()
      } else {
        let tatsh = try Tatsh.parse(arguments)
        try await tatsh.run()
      }
    } catch let failure as RuntimeFailure {
      FileHandle.standardError.write(Data("tatsh: \(failure)\n".utf8))
      Foundation.exit(ExitStatus.failure.rawValue)
    } catch let failure as UsageFailure {
      FileHandle.standardError.write(Data("tatsh: \(failure)\n".utf8))
      Foundation.exit(ExitStatus.usage.rawValue)
    } catch {
      if parser.exitCode(for: error) == .validationFailure {
        var message = parser.fullMessage(for: error)
        if parser == Tatsh.self, message.contains("'--yes'") {
          message +=
            "\n  --yes belongs to the stage that changes something, not to tatsh: tatsh -c \"run 'uptime' on ins-… --yes\" (run, rerun and cancel take it)"
        }
        FileHandle.standardError.write(Data((message + "\n").utf8))
        Foundation.exit(ExitStatus.usage.rawValue)
      }
      parser.exit(withError: error)
    }
  }
}

/// An error in how tatsh was called: exit status 2.
struct UsageFailure: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}
