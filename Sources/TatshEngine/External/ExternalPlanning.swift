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

/// `each [--parallel N] [--keep-going] [--timeout D] 'CMD'`.
enum EachPlanning {
  /// The flags `each` takes.
  static let flags = ["--parallel", "--keep-going", "--timeout"]

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
          at: argument.range, suggestion: Suggestion.closest(to: argument.text, among: flags))
      }
    }
    guard arguments.count == 1, let command = arguments.first else {
      throw Diagnostic("'each' takes one command, in quotes: each 'echo {{InvocationId}}'", at: stage.range)
    }
    guard !command.text.unicodeScalars.contains("\0") else {
      throw Diagnostic("the command holds a NUL byte, which no command line can carry", at: command.range)
    }
    do {
      let template = try ShellTemplate(command.text) { name in
        try shape.resolve(Name(text: name, range: command.range))
      }
      return EachStream.Options(
        parallel: parallel, keepsGoing: keepsGoing, timeout: timeout, template: template)
    } catch let diagnostic as Diagnostic {
      throw diagnostic
    } catch let misplaced as ShellTemplate.Misplaced {
      throw diagnostic(for: misplaced, in: command, of: stage)
    } catch {
      throw Diagnostic("\(error)", at: command.range)
    }
  }

  /// Points at the hole in the program when the command is written there
  /// as it is read (no escapes, not from a variable or a definition);
  /// else shows the command under the message with a caret under the hole.
  private static func diagnostic(
    for misplaced: ShellTemplate.Misplaced, in command: Literal, of stage: Stage
  ) -> Diagnostic {
    let length = misplaced.written.unicodeScalars.count
    let quotes = command.kind == .quoted ? 2 : 0
    let isWrittenAsRead =
      command.range != stage.name.range
      && command.range.end - command.range.start == command.text.unicodeScalars.count + quotes
    if isWrittenAsRead {
      let start = command.range.start + quotes / 2 + misplaced.offset
      return Diagnostic(misplaced.message, at: SourceRange(start, start + length))
    }
    let scalars = Array(command.text.unicodeScalars)
    var lineStart = misplaced.offset
    while lineStart > 0, scalars[lineStart - 1] != "\n" { lineStart -= 1 }
    var lineEnd = misplaced.offset
    while lineEnd < scalars.count, scalars[lineEnd] != "\n" { lineEnd += 1 }
    let line = String(String.UnicodeScalarView(scalars[lineStart..<lineEnd].map { $0 == "\t" ? " " : $0 }))
    let caret =
      String(repeating: " ", count: misplaced.offset - lineStart) + String(repeating: "^", count: length)
    return Diagnostic(misplaced.message + "\n    " + line + "\n    " + caret, at: command.range)
  }
}
