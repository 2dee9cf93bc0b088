import TATCore
import TatshLanguage

/// Turns a parsed pipeline into a `Plan`: checks stage and field names,
/// pushes what the API can answer into its requests, and leaves the rest
/// to client-side steps.
public enum Planner {
  public static func plan(_ pipeline: Pipeline) throws(Diagnostic) -> Plan {
    try plan(pipeline, in: PlanningEnvironment())
  }

  static func plan(_ pipeline: Pipeline, in environment: PlanningEnvironment) throws(Diagnostic) -> Plan {
    let pipeline = try environment.prepared(pipeline)
    var stages = pipeline.stages[...]
    let sourceStage = stages.removeFirst()
    switch try sourcePlanning(of: sourceStage, environment: environment) {
    case .listing(let kind):
      return try planListing(kind, sourceStage, rest: stages, pipeline: pipeline, environment: environment)
    case .local(let planning):
      let (item, shape) = try planning(sourceStage, environment)
      var draft = PipelineDraft(shape: shape, environment: environment)
      if let condition = sourceStage.condition {
        try draft.appendFilter(condition, range: condition.range)
      }
      try planSteps(stages, into: &draft)
      return Plan(
        source: .init(item: item, name: sourceStage.name.text, range: sourceStage.name.range), draft: draft,
        range: pipeline.range)
    }
  }

  /// How the first stage starts the pipeline: a variable, or a stage that can start one.
  private static func sourcePlanning(of stage: Stage, environment: PlanningEnvironment) throws(Diagnostic)
    -> StageDefinition.SourcePlanning
  {
    if stage.name.text.hasPrefix("$") {
      return .local { stage, environment throws(Diagnostic) in
        try variableSource(stage, environment: environment)
      }
    }
    guard let planning = StageRegistry.definition(named: stage.name.text)?.startsPipeline else {
      throw unknownStage(stage.name, afterPipe: false)
    }
    return planning
  }

  /// The records a `let` kept (`$name`), with their shape.
  private static func variableSource(_ stage: Stage, environment: PlanningEnvironment) throws(Diagnostic)
    -> (Plan.Source, RecordShape)
  {
    let variable = String(stage.name.text.dropFirst())
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

  /// A pipeline that starts with an API listing: its ids and the `where`
  /// conditions right after it go into the requests as far as the API can
  /// decide them.
  private static func planListing(
    _ kind: RecordKind, _ sourceStage: Stage, rest: ArraySlice<Stage>, pipeline: Pipeline,
    environment: PlanningEnvironment
  ) throws(Diagnostic) -> Plan {
    var stages = rest
    let shape = RecordShape.of(kind)
    if let misspelt = sourceStage.arguments.first(where: {
      $0.kind == .bare && $0.text.lowercased() != "where"
        && Suggestion.closest(to: $0.text, among: ["where"]) != nil
    }), sourceStage.arguments.contains(where: { $0.text.contains("=") }) {
      throw Diagnostic(
        "a condition follows 'where', and '\(misspelt.text)' is not it", at: misspelt.range,
        suggestion: "where")
    }
    if let condition = sourceStage.arguments.first(where: { $0.kind == .bare && $0.text.contains("=") }) {
      throw Diagnostic(
        "'\(condition.text)' is a condition, not an id: write \(kind.plural) where \(condition.text)",
        at: condition.range)
    }
    if kind.listing.idsParameter == nil, let id = sourceStage.arguments.first {
      throw Diagnostic(
        "'\(kind.plural)' takes no ids (\(kind.listing.action) answers every one): filter with where",
        at: id.range)
    }

    var conditions: [Expression] = sourceStage.condition.map { [$0] } ?? []
    var whereRange: SourceRange? = sourceStage.condition?.range
    while let next = stages.first, next.name.text.lowercased() == "where" {
      stages.removeFirst()
      conditions += next.condition.map { [$0] } ?? []
      whereRange = whereRange ?? next.range
    }
    let pushdown = try Pushdown(
      kind: kind, ids: sourceStage.arguments, conditions: conditions, shape: shape,
      isEnabled: environment.pushesDown)
    var draft = PipelineDraft(shape: shape, environment: environment)
    if let remaining = pushdown.clientSide {
      draft.steps.append(
        .init(item: FilterStep(condition: remaining), name: "where", range: whereRange ?? sourceStage.range))
    }
    try planSteps(stages, into: &draft)
    return Plan(
      source: .init(
        item: pushdown.source(wanted: draft.wantedCount), name: sourceStage.name.text.lowercased(),
        range: sourceStage.name.range),
      draft: draft, range: pipeline.range)
  }

  /// Plans the stages after the source, in order, each as its definition says.
  static func planSteps(_ stages: ArraySlice<Stage>, into draft: inout PipelineDraft) throws(Diagnostic) {
    for stage in stages {
      if draft.output != nil {
        throw Diagnostic(
          "'\(stage.name.text)' cannot follow an output stage: an output stage ends the pipeline",
          at: stage.name.range)
      }
      let definition = StageRegistry.definition(named: stage.name.text)
      if definition?.actsOnEachRecord == true, let condition = stage.condition {
        let name = stage.name.text.lowercased()
        throw Diagnostic(
          "'\(name) where …' would \(name == "each" ? "run the command for" : name) every record and only then filter what it hands on: filter first, as in … | where CONDITION | \(name)",
          at: condition.range)
      }
      if let planning = definition?.followsPipe {
        try planning(stage, &draft)
      } else if definition == nil,
        let command = try ExternalPlanning.command(
          for: stage, shape: draft.shape, environment: draft.environment)
      {
        draft.append(ExternalStep(command: command), for: stage)
        draft.steps[draft.steps.count - 1].name = stage.name.text
        draft.shape = command.shape(after: draft.shape)
      } else {
        throw unknownStage(stage.name, afterPipe: true, plugins: draft.environment.pluginNames)
      }
      if definition?.ownsCondition != true, let condition = stage.condition {
        try draft.appendFilter(condition, range: condition.range)
      }
    }
    // A program that writes text, last, prints its lines as they are; in the
    // middle, each line is a record `{"line": …}` for the stages after it.
    if draft.output == nil, let last = draft.steps.last?.item as? ExternalStep, last.command.emits == .text {
      draft.output = PlannedOutput(format: .text, destination: nil)
    }
  }

  private static func unknownStage(_ name: Name, afterPipe: Bool, plugins: [String] = []) -> Diagnostic {
    if let definition = StageRegistry.definition(named: name.text) {
      return afterPipe
        ? Diagnostic("'\(definition.name)' is a source: it can only start a pipeline", at: name.range)
        : Diagnostic(
          "'\(definition.name)' cannot start a pipeline; start with \(listedSources)", at: name.range,
          suggestion: Suggestion.closest(to: name.text, among: StageRegistry.sourceNames))
    }
    if !afterPipe, ShellCommand.names.contains(name.text.lowercased()) {
      return Diagnostic(
        "'\(name.text)' is a command of the interactive shell, given alone on a line of its own; scripts and -c cannot run it",
        at: name.range)
    }
    if !afterPipe, StatementKeyword.names.contains(name.text.lowercased()) {
      return Diagnostic(
        "'\(name.text)' starts a statement of its own and cannot stand here, where a pipeline starts",
        at: name.range)
    }
    // A keyword here is one out of place (`explain explain …`): it is not the name meant.
    let candidates =
      afterPipe
      ? StageRegistry.stageNames + plugins
      : StageRegistry.sourceNames + StatementKeyword.names.filter { !$0.caseInsensitiveEquals(name.text) }
    return Diagnostic(
      "unknown \(afterPipe ? "stage" : "source") '\(name.text)'", at: name.range,
      suggestion: Suggestion.closest(to: name.text, among: candidates))
  }

  /// The sources as a sentence: `invocations, tasks, … or run`.
  private static var listedSources: String {
    let names =
      StageRegistry.all.filter { $0.startsPipeline != nil }.map {
        $0.usage.prefix { $0 != "[" && $0 != "'" }.trimmingCharacters(in: .whitespaces)
      } + ["$VARIABLE"]
    return names.dropLast().joined(separator: ", ") + " or " + names.last!
  }
}
