import Foundation
import TatshLanguage

/// Planning of the stages that run other programs: plugins, `^commands` and `each`.
enum ExternalPlanning {
  /// The plugin or `^command` a stage names, or nil when it names neither.
  static func command(for stage: Stage, environment: PlanningEnvironment) throws(Diagnostic)
    -> ExternalCommand?
  {
    let arguments = stage.arguments.map(\.text)
    if stage.name.text.hasPrefix("^") {
      let program = String(stage.name.text.dropFirst())
      guard let executable = executable(named: program, environment: environment.processEnvironment) else {
        throw Diagnostic("'\(program)' is not a command on PATH", at: stage.name.range)
      }
      return ExternalCommand(
        name: stage.name.text, executable: executable, arguments: arguments, emits: .text)
    }
    guard let catalog = environment.plugins,
      let path = catalog.paths(scriptFolder: environment.scriptFolder)[stage.name.text]
    else { return nil }
    switch catalog.describe(path: path) {
    case .success(let description):
      return ExternalCommand(
        name: PluginCatalog.prefix + stage.name.text, executable: path, arguments: arguments,
        emits: description.emits)
    case .failure(let problem):
      throw Diagnostic("the plugin '\(stage.name.text)' is broken: \(problem.message)", at: stage.name.range)
    }
  }

  /// The path of `name` on `PATH` (or `name` itself when it holds a `/`).
  static func executable(named name: String, environment: [String: String]) -> String? {
    if name.contains("/") { return FileManager.default.isExecutableFile(atPath: name) ? name : nil }
    let path = environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
    return path.split(separator: ":").map { "\($0)/\(name)" }.first {
      FileManager.default.isExecutableFile(atPath: $0)
    }
  }
}

/// `each [--parallel N] [--keep-going] [--timeout D] 'CMD'`.
enum EachPlanning {
  static func options(of stage: Stage, shape: RecordShape) throws(Diagnostic) -> EachStream.Options {
    var arguments = stage.arguments[...]
    var parallel = 1
    var keepsGoing = false
    var timeout: Int? = nil
    while let argument = arguments.first, argument.kind == .bare, argument.text.hasPrefix("--") {
      arguments.removeFirst()
      switch argument.text {
      case "--parallel":
        guard let value = arguments.popFirst(), let count = Int(value.text), (1...256).contains(count) else {
          throw Diagnostic("--parallel takes a number of commands at once, 1 to 256", at: argument.range)
        }
        parallel = count
      case "--keep-going":
        keepsGoing = true
      case "--timeout":
        guard let value = arguments.popFirst(), let seconds = DurationText.seconds(value.text), seconds > 0
        else {
          throw Diagnostic("--timeout takes a duration such as 30s or 5m", at: argument.range)
        }
        timeout = seconds
      default:
        throw Diagnostic(
          "unknown option '\(argument.text)' of each (--parallel N, --keep-going, --timeout D)",
          at: argument.range,
          suggestion: Suggestion.closest(
            to: argument.text, among: ["--parallel", "--keep-going", "--timeout"]))
      }
    }
    guard arguments.count == 1, let command = arguments.first else {
      throw Diagnostic("'each' takes one command, in quotes: each 'echo {{InvocationId}}'", at: stage.range)
    }
    do {
      let template = try ShellTemplate(command.text) { name in
        do {
          return try shape.resolve(Name(text: name, range: command.range))
        } catch {
          throw error
        }
      }
      return EachStream.Options(
        parallel: parallel, keepsGoing: keepsGoing, timeout: timeout, template: template)
    } catch let diagnostic as Diagnostic {
      throw diagnostic
    } catch {
      throw Diagnostic("\(error)", at: command.range)
    }
  }
}
