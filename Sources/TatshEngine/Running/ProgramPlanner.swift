import Foundation
import TatshLanguage

/// A statement ready to run, with the text it came from (for errors).
struct PlannedStatement {
  var statement: Statement
  var plan: Plan?
  var source: String
  var origin: String?
  /// For `def`: the definition, with the place it was written.
  var definition: PlanningEnvironment.Definition? = nil
}

/// A diagnostic with the text and origin it points into (a sourced file's, say).
struct LocatedDiagnostic: Error {
  var diagnostic: Diagnostic
  var source: String
  var origin: String?

  init(diagnostic: Diagnostic, source: String, origin: String?) {
    self.diagnostic = diagnostic
    self.source = source
    self.origin = origin
  }

  /// `diagnostic` in `source`, or, when it points into the body of one of
  /// `definitions`, in the text that definition was written in.
  init(
    _ diagnostic: Diagnostic, source: String, origin: String?,
    definitions: [String: PlanningEnvironment.Definition]
  ) {
    guard let owner = PlanningEnvironment.Definition.owner(of: diagnostic.range, among: definitions) else {
      self.init(diagnostic: diagnostic, source: source, origin: origin)
      return
    }
    var moved = diagnostic
    moved.range = owner.range
    moved.message += " (in the definition of '\(owner.name)')"
    self.init(diagnostic: moved, source: owner.place.source, origin: owner.place.origin)
  }
}

/// Plans a program's statements in order, so that each sees the variables
/// and definitions made before it; `source FILE` is planned in place.
struct ProgramPlanner {
  var environment: PlanningEnvironment
  private var sourceDepth = 0
  private static let maximumSourceDepth = 16

  init(environment: PlanningEnvironment) {
    self.environment = environment
  }

  /// The statements of `source`, planned; a mistake anywhere, in a sourced file too, throws.
  mutating func plan(_ source: String, origin: String?) throws(LocatedDiagnostic) -> [PlannedStatement] {
    do {
      return try planStatements(source, origin: origin)
    } catch let located as LocatedDiagnostic {
      throw located
    } catch let diagnostic as Diagnostic {
      throw LocatedDiagnostic(
        diagnostic, source: source, origin: origin, definitions: environment.definitions)
    } catch {
      throw LocatedDiagnostic(
        diagnostic: Diagnostic("\(error)", at: SourceRange(0, 0)), source: source, origin: origin)
    }
  }

  private mutating func planStatements(_ source: String, origin: String?) throws -> [PlannedStatement] {
    let program = try Parser.parse(source)
    var planned: [PlannedStatement] = []
    for statement in program.statements {
      var plan: Plan? = nil
      if let pipeline = statement.pipeline { plan = try Planner.plan(pipeline, in: environment) }
      if let plan, let destination = plan.destination {
        // Renamed fields are read back under their new names.
        environment.savedFiles[destination] =
          plan.outputShape.renamed.isEmpty
          ? RecordShape(kind: plan.outputKind, fields: nil) : plan.outputShape
      }
      var statement = statement
      switch statement {
      case .assign(let name, _, _):
        if let output = plan?.output {
          throw Diagnostic(
            "'let' keeps records; '\(output.rawValue)' has nothing to print here", at: statement.range)
        }
        environment.variables[name.text] = plan?.outputShape
      case .define(let name, let parameters, let pipeline, _):
        if StageRegistry.definition(named: name.text) != nil {
          throw Diagnostic("'\(name.text)' is a built-in stage; choose another name", at: name.range)
        }
        if ShellCommand.names.contains(name.text.lowercased()) {
          throw Diagnostic("'\(name.text)' is a command of the shell; choose another name", at: name.range)
        }
        let definition = PlanningEnvironment.Definition(
          parameters: parameters.map(\.text), pipeline: pipeline,
          place: PlanningEnvironment.Definition.place(in: source, origin: origin))
        environment.definitions[name.text] = definition
        planned.append(
          PlannedStatement(
            statement: statement, plan: nil, source: source, origin: origin, definition: definition))
        continue
      case .set(let name, let value, _):
        _ = try Settings.validated(name, value)
      case .showSettings:
        break
      case .exit(let status, _):
        _ = try Session.exitStatus(status)
      case .echo(let words, let range):
        statement = .echo(try environment.words(words), range: range)
      case .help(let topic, _):
        if let name = topic.first, topic.count > 1 || environment.pluginNames.contains(name.text) == false {
          _ = try HelpText.topic(topic, definitions: environment.definitions)
        }
      case .source(let path, _):
        planned += try self.plan(sourcing: path, from: origin)
        continue
      case .watch(let interval, _, _):
        guard let seconds = DurationText.seconds(interval.text), seconds >= 1 else {
          throw Diagnostic(
            "'watch' needs an interval of at least a second, e.g. watch 5s …", at: interval.range)
        }
        if let output = plan?.destination {
          throw Diagnostic("'watch' prints; it cannot save to \(output)", at: statement.range)
        }
      case .run, .explain:
        break
      }
      planned.append(PlannedStatement(statement: statement, plan: plan, source: source, origin: origin))
    }
    return planned
  }

  /// The statements of the file `path` names, read relative to the script that sources it.
  private mutating func plan(sourcing path: Literal, from origin: String?) throws -> [PlannedStatement] {
    guard sourceDepth < Self.maximumSourceDepth else {
      throw Diagnostic("'source' nests too deep (does a file source itself?)", at: path.range)
    }
    var url = URL(fileURLWithPath: path.text)
    if !path.text.hasPrefix("/"), let origin, origin != "-c", origin != "<stdin>" {
      url = URL(fileURLWithPath: origin).deletingLastPathComponent().appendingPathComponent(path.text)
    }
    guard let data = FileManager.default.contents(atPath: url.path) else {
      throw Diagnostic("cannot read '\(path.text)'", at: path.range)
    }
    sourceDepth += 1
    defer { sourceDepth -= 1 }
    return try plan(String(decoding: data, as: UTF8.self), origin: url.path)
  }
}
