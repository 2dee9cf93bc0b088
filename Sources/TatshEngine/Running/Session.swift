import Foundation
import TATCore
import TatshLanguage

/// Runs tatsh programs against one backend and prints what they produce.
/// The REPL, `-c` and scripts all go through it; variables and settings
/// last as long as the session.
public final class Session {
  public let service: any TATService
  /// The backend as the pipelines use it: counting its requests.
  let meter: RequestMeter
  let output: any TextOutput
  let errors: any TextOutput
  private(set) var terminal: Terminal
  private(set) var variables: [String: (records: [Record], shape: RecordShape)] = [:]
  private(set) var definitions: [String: PlanningEnvironment.Definition] = [:]
  /// Ids seen in printed results, newest last, for completion.
  var recentIds: [RecordKind: RecentIds] = [:]
  var settings = Settings()
  /// The status an `exit` statement asked for, if one ran.
  public private(set) var requestedExit: Int32?
  /// The status the last run failed with when a pipeline ended with one of
  /// its own (a final `^command`'s, or `each --keep-going` with failures)
  /// rather than with an error; nil otherwise.
  public private(set) var failureStatus: Int32?
  /// The plugins this session can find.
  let plugins: PluginCatalog
  /// Whether conditions the API can decide are pushed into its requests;
  /// turned off only to show that results do not depend on it.
  public var pushesDown = true
  /// Asks the person at the terminal before a change on a backend that asks
  /// first (`y` goes ahead); nil where nobody can answer, and then a change
  /// needs `--yes`. The front end that knows its terminal sets it.
  public var confirmation: ((String) -> Bool)? = nil

  public init(service: any TATService, output: any TextOutput, errors: any TextOutput, terminal: Terminal) {
    self.service = service
    meter = RequestMeter(service)
    plugins = PluginCatalog(environment: terminal.environment)
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
    failureStatus = nil
    terminal.measureWindowAgain()
    var planner = ProgramPlanner(environment: planningEnvironment(origin: origin, arguments: arguments))
    let steps: [PlannedStatement]
    do {
      steps = try planner.plan(source, origin: origin)
    } catch {
      report(error.diagnostic, in: error.source, origin: error.origin)
      return .usage
    }
    for step in steps {
      defer { errors.flush() }
      do {
        if try await execute(step) { return .success }
      } catch let quiet as QuietFailure {
        output.flush()
        failureStatus = quiet.status
        return .failure
      } catch {
        output.flush()
        let failure = error as? StageFailure
        if let stopped = error as? StoppedWaiting {
          errors.write("\(stopped)\n")
          return .cancelled
        }
        if error is CancellationError || failure?.underlying is CancellationError { return cancelled() }
        let diagnostic =
          failure?.diagnostic ?? error as? Diagnostic ?? Diagnostic("\(error)", at: step.statement.range)
        // A stage of a definition's body fails where that body was written.
        let located = LocatedDiagnostic(
          diagnostic, source: step.source, origin: step.origin, definitions: definitions)
        report(located.diagnostic, in: located.source, origin: located.origin)
        return .failure
      }
    }
    return .success
  }

  /// What planning a statement of `origin` knows now: the session's
  /// variables, definitions and plugins, and a script's arguments.
  func planningEnvironment(origin: String?, arguments: [String] = []) -> PlanningEnvironment {
    PlanningEnvironment(
      variables: variables.mapValues(\.shape), definitions: definitions, arguments: arguments,
      pushesDown: pushesDown, plugins: plugins,
      scriptFolder: origin.flatMap(Self.scriptFolder(of:)), processEnvironment: terminal.environment)
  }

  /// Makes `records` the variable `$name`, as `let` would: for programs
  /// that embed tatsh and hand it records of their own.
  public func setVariable(_ name: String, records: [Record], kind: RecordKind?) {
    variables[name] = (records, RecordShape(kind: kind, fields: nil))
  }

  /// The plans of every pipeline in `source`, or the first diagnostic.
  public static func plans(for source: String) throws(Diagnostic) -> [Plan] {
    var planner = ProgramPlanner(environment: PlanningEnvironment())
    do {
      return try planner.plan(source, origin: nil).compactMap(\.plan)
    } catch {
      throw error.diagnostic
    }
  }

  /// Runs one statement; true when it was `exit`.
  private func execute(_ step: PlannedStatement) async throws -> Bool {
    switch step.statement {
    case .run:
      guard let plan = step.plan else { return false }
      try await runPipeline(plan)
    case .watch(let interval, _, _):
      guard let plan = step.plan else { return false }
      try await watch(plan, every: DurationText.seconds(interval.text) ?? 5)
    case .explain:
      output.write(step.plan?.explanation ?? "")
      output.flush()
    case .assign(let name, _, _):
      guard var plan = step.plan else { return false }
      plan.pageSize = settings.pageSize
      let io = externalIO
      let stream = plan.stream(using: meter, variables: variables.mapValues(\.records), io: io)
      var records: [Record] = []
      while let page = try await stream.nextPage() { records += page }
      if let status = io.outcome.status { throw QuietFailure(status: status) }
      variables[name.text] = (records, plan.outputShape)
    case .set(let name, let value, _):
      try settings.apply(name, value)
    case .showSettings:
      output.write(settings.listing)
      output.flush()
    case .echo(let words, _):
      output.write(words.map(\.text).joined(separator: " ") + "\n")
      output.flush()
    case .exit(let status, _):
      requestedExit = try Self.exitStatus(status)
      return true
    case .define(let name, let parameters, let pipeline, _):
      definitions[name.text] =
        step.definition ?? .init(parameters: parameters.map(\.text), pipeline: pipeline)
    case .help(let topic, _):
      let found = plugins.paths(scriptFolder: step.origin.flatMap(Self.scriptFolder(of:)))
      let entries = found.map { (name: $0.key, description: plugins.describe(path: $0.value)) }
      output.write(
        topic.isEmpty
          ? HelpText.overview(definitions: definitions, plugins: entries)
          : try HelpText.topic(topic, definitions: definitions, plugins: entries))
      output.flush()
    case .source:
      break
    }
    return false
  }

  /// Where programs that steps run find their environment and send their output.
  var externalIO: Plan.ExternalIO {
    return Plan.ExternalIO(
      environment: terminal.environment, output: output, errors: errors, isDryRun: settings.dryRun,
      pluginTimeout: settings.pluginTimeout, isStrict: settings.strict,
      confirm: confirmation)
  }

  /// The folder of a script (whose `plugins/` is searched), for origins that are files.
  static func scriptFolder(of origin: String) -> String? {
    guard origin != "-c", origin != "<stdin>" else { return nil }
    return URL(fileURLWithPath: origin).deletingLastPathComponent().path
  }

  static func exitStatus(_ literal: Literal?) throws(Diagnostic) -> Int32 {
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
