import TATCore
import TatshLanguage

/// Runs tatsh programs against one backend and prints what they produce.
/// The REPL, `-c` and scripts all go through it.
public final class Session {
  public let service: any TATService
  private let output: any TextOutput
  private let errors: any TextOutput
  private let terminal: Terminal

  public init(service: any TATService, output: any TextOutput, errors: any TextOutput, terminal: Terminal) {
    self.service = service
    self.output = output
    self.errors = errors
    self.terminal = terminal
  }

  /// Parses and plans all of `source` (so that a mistake anywhere stops it
  /// before anything runs), then runs its pipelines in order, stopping at
  /// the first that fails.
  ///
  /// - Parameter origin: where the text came from (`script.tatsh`, `-c`),
  ///   for `origin:line:column` in errors; nil in the REPL.
  public func run(_ source: String, origin: String?) async -> ExitStatus {
    let plans: [Plan]
    do {
      plans = try Self.plans(for: source)
    } catch {
      report(error, in: source, origin: origin)
      return .usage
    }
    for plan in plans {
      do {
        try await execute(plan)
      } catch let failure as StageFailure {
        output.flush()
        if failure.underlying is CancellationError { return cancelled() }
        report(failure.diagnostic, in: source, origin: origin)
        return .failure
      } catch is CancellationError {
        output.flush()
        return cancelled()
      } catch {
        output.flush()
        report(Diagnostic("\(error)", at: plan.range), in: source, origin: origin)
        return .failure
      }
    }
    return .success
  }

  /// The plans of every pipeline in `source`, or the first diagnostic.
  public static func plans(for source: String) throws(Diagnostic) -> [Plan] {
    let program = try Parser.parse(source)
    var plans: [Plan] = []
    for pipeline in program.pipelines { plans.append(try Planner.plan(pipeline)) }
    return plans
  }

  private func execute(_ plan: Plan) async throws {
    let stream = plan.stream(using: service)
    switch plan.output ?? (terminal.isInteractive ? .table : .jsonl) {
    case .jsonl:
      while let page = try await stream.nextPage() {
        for record in page { output.write(JSONWriter.compact(.object(record)) + "\n") }
      }
    case .json:
      let records = try await collect(stream)
      output.write(JSONWriter.pretty(.array(records.map(Value.object))) + "\n")
    case .table:
      let records = try await collect(stream)
      let renderer =
        plan.outputKind.map {
          TableRenderer(
            columns: TableColumn.defaults(for: $0), width: terminal.width, omittingEmptyColumns: true)
        } ?? TableRenderer(columns: TableColumn.union(of: records), width: terminal.width)
      output.write(renderer.render(records))
    }
    output.flush()
  }

  private func collect(_ stream: any RecordStream) async throws -> [Record] {
    var records: [Record] = []
    while let page = try await stream.nextPage() { records += page }
    return records
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
