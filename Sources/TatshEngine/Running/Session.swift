import TATCore
import TatshLanguage

/// Runs tatsh programs against one backend and prints what they produce.
/// The REPL, `-c` and scripts all go through it; variables and settings
/// last as long as the session.
public final class Session {
  public let service: any TATService
  private let output: any TextOutput
  private let errors: any TextOutput
  private let terminal: Terminal
  private var variables: [String: (records: [Record], shape: RecordShape)] = [:]
  private var settings = Settings()
  /// The status an `exit` statement asked for, if one ran.
  public private(set) var requestedExit: Int32?

  public init(service: any TATService, output: any TextOutput, errors: any TextOutput, terminal: Terminal) {
    self.service = service
    self.output = output
    self.errors = errors
    self.terminal = terminal
  }

  /// Parses and plans all of `source` (so that a mistake anywhere stops it
  /// before anything runs), then runs its statements in order, stopping at
  /// the first that fails or at `exit`.
  ///
  /// - Parameters:
  ///   - origin: where the text came from (`script.tatsh`, `-c`), for
  ///     `origin:line:column` in errors; nil in the REPL.
  ///   - arguments: a script's arguments, `$1 … $N` and `$args`.
  public func run(_ source: String, origin: String?, arguments: [String] = []) async -> ExitStatus {
    let steps: [PlannedStatement]
    do {
      steps = try plan(source, arguments: arguments)
    } catch {
      report(error, in: source, origin: origin)
      return .usage
    }
    for step in steps {
      do {
        if try await execute(step) { return .success }
      } catch let failure as StageFailure {
        output.flush()
        if failure.underlying is CancellationError { return cancelled() }
        report(failure.diagnostic, in: source, origin: origin)
        return .failure
      } catch is CancellationError {
        output.flush()
        return cancelled()
      } catch let diagnostic as Diagnostic {
        output.flush()
        report(diagnostic, in: source, origin: origin)
        return .failure
      } catch {
        output.flush()
        report(Diagnostic("\(error)", at: step.statement.range), in: source, origin: origin)
        return .failure
      }
    }
    return .success
  }

  /// The plans of every pipeline in `source`, or the first diagnostic.
  public static func plans(for source: String) throws(Diagnostic) -> [Plan] {
    try Session(
      service: NoService(), output: TextBuffer(), errors: TextBuffer(),
      terminal: Terminal(isInteractive: false, width: nil)
    ).plan(source, arguments: []).compactMap(\.plan)
  }

  /// A statement with its pipeline planned.
  private struct PlannedStatement {
    var statement: Statement
    var plan: Plan?
  }

  private func plan(_ source: String, arguments: [String]) throws(Diagnostic) -> [PlannedStatement] {
    let program = try Parser.parse(source)
    var environment = PlanningEnvironment(
      variables: variables.mapValues(\.shape), arguments: arguments)
    var planned: [PlannedStatement] = []
    for statement in program.statements {
      var plan: Plan? = nil
      if let pipeline = statement.pipeline { plan = try Planner.plan(pipeline, in: environment) }
      switch statement {
      case .assign(let name, _, _):
        environment.variables[name.text] = plan.map { RecordShape(kind: $0.outputKind, fields: nil) }
        if let output = plan?.output {
          throw Diagnostic(
            "'let' keeps records; '\(output.rawValue)' has nothing to print here", at: statement.range)
        }
      case .set(let name, let value, _):
        _ = try Settings.validated(name, value)
      case .exit(let status, _):
        _ = try Self.exitStatus(status)
      case .echo(let words, let range):
        var expanded: [Literal] = []
        for word in words { expanded += try environment.values(for: word) }
        planned.append(PlannedStatement(statement: .echo(expanded, range: range), plan: nil))
        continue
      case .run, .explain:
        break
      }
      planned.append(PlannedStatement(statement: statement, plan: plan))
    }
    return planned
  }

  /// Runs one statement; true when it was `exit`.
  private func execute(_ step: PlannedStatement) async throws -> Bool {
    switch step.statement {
    case .run:
      guard let plan = step.plan else { return false }
      try await RecordPrinter(
        format: plan.output ?? settings.format ?? (terminal.isInteractive ? .table : .jsonl),
        kind: plan.outputKind, width: terminal.width
      ).print(plan.stream(using: service, variables: variables.mapValues(\.records)), to: output)
    case .explain:
      output.write(step.plan?.explanation ?? "")
      output.flush()
    case .assign(let name, _, _):
      guard let plan = step.plan else { return false }
      let stream = plan.stream(using: service, variables: variables.mapValues(\.records))
      var records: [Record] = []
      while let page = try await stream.nextPage() { records += page }
      variables[name.text] = (records, RecordShape(kind: plan.outputKind, fields: nil))
    case .set(let name, let value, _):
      try settings.apply(name, value)
    case .echo(let words, _):
      output.write(words.map(\.text).joined(separator: " ") + "\n")
      output.flush()
    case .exit(let status, _):
      requestedExit = try Self.exitStatus(status)
      return true
    }
    return false
  }

  private static func exitStatus(_ literal: Literal?) throws(Diagnostic) -> Int32 {
    guard let literal else { return 0 }
    guard let status = Int32(literal.text), (0...255).contains(status) else {
      throw Diagnostic("'exit' takes a status from 0 to 255", at: literal.range)
    }
    return status
  }

  private func cancelled() -> ExitStatus {
    errors.write("cancelled\n")
    errors.flush()
    return .cancelled
  }

  private func report(_ error: any Error, in source: String, origin: String?) {
    let diagnostic = error as? Diagnostic ?? Diagnostic("\(error)", at: SourceRange(0, 0))
    errors.write(diagnostic.rendered(in: source, origin: origin) + "\n")
    errors.flush()
  }
}
