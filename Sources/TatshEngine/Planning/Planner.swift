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
    if let (item, shape) = try localSource(sourceStage, environment: environment) {
      return try planLocalSource(
        item, shape: shape, sourceStage, rest: stages, pipeline: pipeline, environment: environment)
    }
    let kind = try sourceKind(of: sourceStage)
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
    var steps: [Plan.Located<Plan.Step>] = []
    if let remaining = pushdown.clientSide {
      steps.append(.init(item: .filter(remaining), name: "where", range: whereRange ?? sourceStage.range))
    }

    var output: PlannedOutput? = nil
    let finalShape = try planSteps(
      stages, shape: shape, into: &steps, output: &output, environment: environment)
    return Plan(
      source: .init(
        item: pushdown.source(wanted: wantedCount(after: steps)), name: sourceStage.name.text.lowercased(),
        range: sourceStage.name.range),
      steps: steps, output: output?.format, destination: output?.destination,
      outputShape: finalShape,
      range: pipeline.range)
  }

  /// Plans the stages after the source, in order; returns the shape of what comes out.
  static func planSteps(
    _ stages: ArraySlice<Stage>, shape: RecordShape, into steps: inout [Plan.Located<Plan.Step>],
    output: inout PlannedOutput?, environment: PlanningEnvironment
  ) throws(Diagnostic) -> RecordShape {
    var shape = shape
    for stage in stages {
      if output != nil {
        throw Diagnostic(
          "'\(stage.name.text)' cannot follow an output stage: an output stage ends the pipeline",
          at: stage.name.range)
      }
      let name = stage.name.text.lowercased()
      switch name {
      case "where":
        guard let condition = stage.condition else { continue }
        try appendFilter(condition, range: stage.range, shape: shape, to: &steps)
        continue
      case "tasks":
        try expectNoArguments(stage, reason: "after a pipe, tasks are those of the incoming invocations")
        guard shape.kind == .invocation, shape.fields?.contains("InvocationTaskBasicInfoSet") != false else {
          throw Diagnostic(
            "'tasks' needs invocations (with their InvocationTaskBasicInfoSet) flowing in",
            at: stage.name.range)
        }
        steps.append(.init(item: .tasks(prefilter: nil), name: "tasks", range: stage.name.range))
        shape = .of(.task)
      case "decode":
        try expectNoArguments(stage)
        let paths =
          shape.kind.map(\.encodedFields) ?? [
            ["CommandContent"], ["TaskResult", "Output"], ["CommandDocument", "Content"], ["Content"],
          ]
        let present = paths.filter { path in shape.fields?.contains(path.joined(separator: ".")) ?? true }
        steps.append(
          .init(
            item: .decode(paths: present.isEmpty ? paths : present), name: "decode", range: stage.name.range))
        shape.decoded.formUnion((present.isEmpty ? paths : present).map { $0.joined(separator: ".") })
      case "select":
        guard !stage.arguments.isEmpty else {
          throw Diagnostic("'select' needs at least one field name", at: stage.name.range)
        }
        var paths: [String] = []
        for argument in stage.arguments {
          // `select id, InvocationId`: one field, once (JSON must not repeat a key).
          let path = try shape.resolve(Name(text: argument.text, range: argument.range))
          if !paths.contains(path) { paths.append(path) }
        }
        steps.append(.init(item: .select(paths), name: "select", range: stage.range))
        shape.fields = paths
      case "reject":
        guard !stage.arguments.isEmpty else {
          throw Diagnostic("'reject' needs at least one field name", at: stage.name.range)
        }
        var names: [String] = []
        for argument in stage.arguments {
          names.append(try shape.resolve(Name(text: argument.text, range: argument.range)))
        }
        steps.append(.init(item: .reject(names), name: "reject", range: stage.range))
        shape.fields = (shape.fields ?? shape.kind?.topLevelFields ?? []).filter { !names.contains($0) }
        if shape.kind == nil, shape.fields?.isEmpty == true { shape.fields = nil }
      case "sort":
        steps.append(
          .init(item: .sort(try sortKeys(of: stage, shape: shape)), name: "sort", range: stage.range))
      case "first", "skip", "last":
        let count = try count(of: stage)
        let step: Plan.Step = name == "first" ? .first(count) : name == "skip" ? .skip(count) : .last(count)
        steps.append(.init(item: step, name: name, range: stage.range))
      case "uniq":
        let path = try singleField(of: stage, shape: shape)
        steps.append(.init(item: .uniq(path), name: "uniq", range: stage.range))
      case "get":
        let path = try singleField(of: stage, shape: shape)
        steps.append(.init(item: .get(path), name: "get", range: stage.range))
        shape = RecordShape(kind: nil, fields: ["value"])
      case "count":
        try expectNoArguments(stage)
        steps.append(.init(item: .count, name: "count", range: stage.name.range))
        shape = RecordShape(kind: nil, fields: ["count"])
      case "table", "json", "jsonl", "csv", "yaml", "text":
        try expectNoArguments(stage)
        output = PlannedOutput(format: OutputFormat(rawValue: name)!, destination: nil)
      case "save":
        output = try PlannedOutput(saving: stage)
      case "group":
        let (key, aggregates) = try grouping(of: stage, shape: shape)
        steps.append(.init(item: .group(key: key, aggregates: aggregates), name: "group", range: stage.range))
        // The kind stays, so that its aliases still name the key: `group by name | sort by name`.
        shape = RecordShape(kind: shape.kind, fields: [key, "count"] + aggregates.map(\.name))
      case "flatten":
        let field = try singleField(of: stage, shape: shape)
        guard !field.contains(".") else {
          throw Diagnostic("'flatten' takes a top-level list field", at: stage.arguments[0].range)
        }
        steps.append(.init(item: .flatten(field), name: "flatten", range: stage.range))
        if shape.kind == .invocation, field == "InvocationTaskBasicInfoSet" {
          shape = RecordShape(
            kind: .invocation,
            fields: RecordKind.invocation.topLevelFields.filter { $0 != field } + [
              "InvocationTaskId", "TaskStatus", "InstanceId",
            ])
        } else {
          shape = RecordShape(kind: nil, fields: nil)
        }
      case "invocation":
        try expectNoArguments(stage)
        guard shape.kind == .task || shape.fields?.contains("InvocationId") == true else {
          throw Diagnostic(
            "'invocation' needs tasks (records with an InvocationId) flowing in", at: stage.name.range)
        }
        steps.append(.init(item: .invocation, name: "invocation", range: stage.name.range))
        shape = .of(.invocation)
      case "command":
        try expectNoArguments(stage)
        guard shape.kind != nil || shape.fields?.contains("CommandId") == true else {
          throw Diagnostic("'command' needs records with a CommandId flowing in", at: stage.name.range)
        }
        steps.append(.init(item: .command, name: "command", range: stage.name.range))
        shape.extras.insert("Command")
      case "rerun", "cancel":
        shape = try ChangePlanning.append(stage, shape: shape, to: &steps)
      case "each":
        steps.append(
          .init(
            item: .each(try EachPlanning.options(of: stage, shape: shape)), name: "each", range: stage.range))
      default:
        guard let command = try ExternalPlanning.command(for: stage, shape: shape, environment: environment)
        else {
          throw unknownStage(stage.name, afterPipe: true, plugins: environment.pluginNames)
        }
        steps.append(.init(item: .external(command), name: stage.name.text, range: stage.range))
        shape = command.shape(after: shape)
      }
      if let condition = stage.condition {
        try appendFilter(condition, range: condition.range, shape: shape, to: &steps)
      }
    }
    // A program that writes text, last, prints its lines as they are; in the
    // middle, each line is a record `{"line": …}` for the stages after it.
    if output == nil, case .external(let command)? = steps.last?.item, command.emits == .text {
      output = PlannedOutput(format: .text, destination: nil)
    }
    return shape
  }

  private static func sourceKind(of stage: Stage) throws(Diagnostic) -> RecordKind {
    switch stage.name.text.lowercased() {
    case "invocations": return .invocation
    case "tasks": return .task
    case "commands": return .command
    default: throw unknownStage(stage.name, afterPipe: false)
    }
  }

  private static func unknownStage(_ name: Name, afterPipe: Bool, plugins: [String] = []) -> Diagnostic {
    if let signature = StageCatalog.signature(named: name.text) {
      return afterPipe
        ? Diagnostic("'\(signature.name)' is a source: it can only start a pipeline", at: name.range)
        : Diagnostic(
          "'\(signature.name)' cannot start a pipeline; start with invocations, tasks or commands",
          at: name.range)
    }
    if !afterPipe, ShellCommand.names.contains(name.text.lowercased()) {
      return Diagnostic(
        "'\(name.text)' is a command of the interactive shell, given alone on a line of its own; scripts and -c cannot run it",
        at: name.range)
    }
    let stageNames = StageCatalog.all.filter {
      afterPipe ? $0.role != .source || $0.name == "tasks" : $0.role == .source
    }.map(\.name)
    let candidates =
      afterPipe ? stageNames + plugins : stageNames + ["explain", "let", "set", "echo", "exit"]
    return Diagnostic(
      "unknown \(afterPipe ? "stage" : "source") '\(name.text)'", at: name.range,
      suggestion: Suggestion.closest(to: name.text, among: candidates))
  }

  /// Adds a `where` step; right after `tasks`, what the basic task info can
  /// decide is also checked before any task is fetched.
  static func appendFilter(
    _ expression: Expression, range: SourceRange, shape: RecordShape,
    to steps: inout [Plan.Located<Plan.Step>]
  ) throws(Diagnostic) {
    let condition = try ConditionCompiler(shape: shape).compile(expression)
    if let last = steps.last, case .tasks(nil) = last.item {
      let basic: Set<String> = ["TaskStatus", "InvocationTaskId", "InstanceId", "InvocationId"]
      let decidable = Conjuncts.split(condition).filter {
        $0.paths.allSatisfy { basic.contains($0.joined(separator: ".")) }
      }
      if let prefilter = Conjuncts.join(decidable) {
        steps[steps.count - 1].item = .tasks(prefilter: prefilter)
      }
    }
    steps.append(.init(item: .filter(condition), name: "where", range: range))
  }

  private static func expectNoArguments(_ stage: Stage, reason: String? = nil) throws(Diagnostic) {
    guard let first = stage.arguments.first else { return }
    let detail = reason.map { " (\($0))" } ?? ""
    throw Diagnostic(
      "'\(stage.name.text.lowercased())' takes no arguments\(detail)",
      at: first.range.union(stage.arguments[stage.arguments.count - 1].range))
  }

  private static func count(of stage: Stage) throws(Diagnostic) -> Int {
    let name = stage.name.text.lowercased()
    guard let argument = stage.arguments.first else { return 1 }
    guard stage.arguments.count == 1, let count = Int(argument.text), count >= 0 else {
      throw Diagnostic("'\(name)' takes one whole number, e.g. \(name) 10", at: argument.range)
    }
    return count
  }

  /// `group by F [count] [min|max|avg G]…`.
  private static func grouping(of stage: Stage, shape: RecordShape) throws(Diagnostic) -> (
    String, [GroupStream.Aggregate]
  ) {
    var arguments = stage.arguments[...]
    guard arguments.first?.text.lowercased() == "by", arguments.count > 1 else {
      throw Diagnostic(
        "'group' is written 'group by FIELD [count] [min|max|avg FIELD]… [percent FIELD VALUE]…'",
        at: stage.arguments.first?.range ?? stage.range)
    }
    arguments.removeFirst()
    let keyLiteral = arguments.removeFirst()
    let key = try shape.resolve(Name(text: keyLiteral.text, range: keyLiteral.range))
    var aggregates: [GroupStream.Aggregate] = []
    while let word = arguments.popFirst() {
      if word.text.lowercased() == "count" { continue }
      guard let function = GroupStream.Aggregate.Function(rawValue: word.text.lowercased()) else {
        throw Diagnostic(
          "expected count, min, max, avg or percent, found '\(word.text)'", at: word.range,
          suggestion: Suggestion.closest(to: word.text, among: ["count", "min", "max", "avg", "percent"]))
      }
      guard let field = arguments.popFirst() else {
        throw Diagnostic(
          "'\(function.rawValue)' needs a field, e.g. \(function.rawValue) duration", at: word.range)
      }
      let path = try shape.resolve(Name(text: field.text, range: field.range))
      var aggregate = GroupStream.Aggregate(function: function, path: path)
      if function == .percent {
        guard let value = arguments.popFirst() else {
          throw Diagnostic("'percent' needs a field and a value, e.g. percent status FAILED", at: word.range)
        }
        aggregate.value = try ConditionCompiler(shape: shape).normalized(value, for: path).text
      }
      aggregates.append(aggregate)
    }
    return (key, aggregates)
  }

  /// The one field a stage such as `uniq F` or `get F` names.
  private static func singleField(of stage: Stage, shape: RecordShape) throws(Diagnostic) -> String {
    let name = stage.name.text.lowercased()
    guard stage.arguments.count == 1, let argument = stage.arguments.first else {
      throw Diagnostic("'\(name)' takes one field name, e.g. \(name) status", at: stage.range)
    }
    return try shape.resolve(Name(text: argument.text, range: argument.range))
  }

  /// `sort by F [desc], G [asc] …`.
  private static func sortKeys(of stage: Stage, shape: RecordShape) throws(Diagnostic) -> [Plan.SortKey] {
    var arguments = stage.arguments[...]
    guard let by = arguments.first, by.text.lowercased() == "by", arguments.count > 1 else {
      throw Diagnostic(
        "'sort' is written 'sort by FIELD [desc], …'", at: stage.arguments.first?.range ?? stage.range)
    }
    arguments.removeFirst()
    var keys: [Plan.SortKey] = []
    while let field = arguments.popFirst() {
      let path = try shape.resolve(Name(text: field.text, range: field.range))
      var isDescending = false
      if let direction = arguments.first, ["asc", "desc"].contains(direction.text.lowercased()) {
        isDescending = direction.text.lowercased() == "desc"
        arguments.removeFirst()
      }
      keys.append(Plan.SortKey(path: path, isDescending: isDescending))
    }
    return keys
  }

  /// How many records the source must deliver, when a `first N` follows it
  /// with nothing in between that drops records.
  private static func wantedCount(after steps: [Plan.Located<Plan.Step>]) -> Int? {
    for step in steps {
      switch step.item {
      case .decode, .select: continue
      case .first(let count): return count
      default: return nil
      }
    }
    return nil
  }
}
