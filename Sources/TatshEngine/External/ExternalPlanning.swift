import Foundation
import TatshLanguage

/// Planning of the stages that run other programs: plugins, `^commands` and `each`.
enum ExternalPlanning {
  /// The plugin or `^command` a stage names, or nil when it names neither.
  static func command(for stage: Stage, shape: RecordShape, environment: PlanningEnvironment)
    throws(Diagnostic)
    -> ExternalCommand?
  {
    let arguments = stage.arguments.map(\.text)
    if stage.name.text.hasPrefix("^") {
      let program = String(stage.name.text.dropFirst())
      guard let executable = executable(named: program, environment: environment.processEnvironment) else {
        throw Diagnostic("'\(program)' is not a command on PATH", at: stage.name.range)
      }
      try refuseNul(in: stage)
      return ExternalCommand(
        name: stage.name.text, executable: executable, arguments: arguments, emits: .text)
    }
    guard let catalog = environment.plugins else { return nil }
    guard let path = catalog.paths(scriptFolder: environment.scriptFolder)[stage.name.text] else {
      if let file = catalog.entries(scriptFolder: environment.scriptFolder).first(where: {
        $0.name == stage.name.text && !$0.isExecutable
      }) {
        throw Diagnostic(
          "the plugin '\(stage.name.text)' is not executable: chmod +x \(file.path)", at: stage.name.range)
      }
      return nil
    }
    switch catalog.describe(path: path) {
    case .success(let description):
      try refuseNul(in: stage)
      let kind: PluginDescription.EmittedKind?
      do {
        kind = try description.emittedKind()
      } catch {
        throw Diagnostic("the plugin '\(stage.name.text)' is broken: \(error.message)", at: stage.name.range)
      }
      if let accepts = description.accepts, let input = shape.kind, !accepts.contains(input.plural) {
        throw Diagnostic(
          "\(stage.name.text) takes \(accepts.joined(separator: " or ")), and the records here are \(input.plural)",
          at: stage.name.range)
      }
      if description.arguments != nil || description.flags != nil {
        try PluginSignature.check(
          stage, plugin: stage.name.text, arguments: description.arguments ?? [],
          flags: description.flags ?? [],
          shape: shape)
      }
      return ExternalCommand(
        name: PluginCatalog.prefix + stage.name.text, executable: path, arguments: arguments,
        argumentRanges: stage.arguments.map(\.range), emits: description.emits, recordKind: kind,
        fields: description.fields)
    case .failure(let problem):
      throw Diagnostic("the plugin '\(stage.name.text)' is broken: \(problem.message)", at: stage.name.range)
    }
  }

  /// A program's argument ends at a NUL byte: one would cut it short.
  private static func refuseNul(in stage: Stage) throws(Diagnostic) {
    if let argument = stage.arguments.first(where: { $0.text.unicodeScalars.contains("\0") }) {
      throw Diagnostic(
        "this argument holds a NUL byte, which no program's argument can carry", at: argument.range)
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

/// A plugin or a `^command` in the middle or at the end of a pipeline.
struct ExternalStep: PlanStep {
  var command: ExternalCommand
  func stream(_ input: any RecordStream, in context: StepContext) -> any RecordStream {
    // A final `^command`'s status is the pipeline's, as in a shell; elsewhere a failure is an error.
    let isFinalCommand = context.isLast && command.name.hasPrefix("^")
    return ExternalStream(
      input, command: command, environment: context.io.environment, errors: context.io.errors,
      timeout: context.io.pluginTimeout, outcome: isFinalCommand ? context.io.outcome : nil,
      upstreamIsLive: context.sourceIsLive)
  }
  var explanation: String {
    "\(command.name): runs \(([command.executable] + command.arguments).joined(separator: " ")), records in as JSON Lines, \(command.emits.rawValue) out"
  }
}
