import TATCore
import TatshLanguage

/// Sources that are not the API's listings: a `let`, a file, standard
/// input, and `run`, whose records tatsh makes itself.
extension Planner {
  /// The records of a `let` (`$name`), a file (`open FILE`) or standard
  /// input (`from json`), with their shape; nil for the API's sources.
  static func localSource(_ stage: Stage, environment: PlanningEnvironment) throws(Diagnostic)
    -> (Plan.Source, RecordShape)?
  {
    let name = stage.name.text
    if name.hasPrefix("$") {
      let variable = String(name.dropFirst())
      guard let shape = environment.variables[variable] else {
        throw Diagnostic(
          "unknown variable '$\(variable)'", at: stage.name.range,
          suggestion: Suggestion.closest(to: variable, among: environment.variables.keys).map { "$" + $0 })
      }
      if let argument = stage.arguments.first {
        throw Diagnostic("a variable takes no arguments", at: argument.range)
      }
      return (.variable(variable), shape)
    }
    switch name.lowercased() {
    case "open":
      guard stage.arguments.count == 1, let path = stage.arguments.first else {
        throw Diagnostic("'open' takes one file: open FILE.json or open FILE.jsonl", at: stage.range)
      }
      if let saved = environment.savedFiles[path.text] { return (.file(path.text), saved) }
      do {
        return (
          .file(path.text), RecordShape(kind: try JSONFileSource.kind(ofFileAt: path.text), fields: nil)
        )
      } catch {
        throw Diagnostic("\(error)", at: path.range)
      }
    case "run":
      let options = try ChangePlanning.runOptions(of: stage)
      return (.run(options), .of(options.waits ? .task : .invocation))
    case "from":
      guard stage.arguments.count == 1, stage.arguments[0].text.lowercased() == "json" else {
        throw Diagnostic("'from' reads standard input: from json", at: stage.range)
      }
      do {
        return (.standardInput, RecordShape(kind: try StandardInput.shared.firstRecordKind(), fields: nil))
      } catch {
        throw Diagnostic("\(error)", at: stage.range)
      }
    default:
      return nil
    }
  }

  /// A pipeline that starts from records tatsh already has or reads itself.
  static func planLocalSource(
    _ item: Plan.Source, shape: RecordShape, _ sourceStage: Stage, rest: ArraySlice<Stage>,
    pipeline: Pipeline,
    environment: PlanningEnvironment
  ) throws(Diagnostic) -> Plan {
    var steps: [Plan.Located<Plan.Step>] = []
    if let condition = sourceStage.condition {
      try appendFilter(condition, range: condition.range, shape: shape, to: &steps)
    }
    var output: PlannedOutput? = nil
    let finalShape = try planSteps(
      rest, shape: shape, into: &steps, output: &output, environment: environment)
    return Plan(
      source: .init(item: item, name: sourceStage.name.text, range: sourceStage.name.range),
      steps: steps, output: output?.format, destination: output?.destination,
      outputShape: finalShape,
      range: pipeline.range)
  }
}
