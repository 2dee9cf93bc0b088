import TATCore
import TatshLanguage

/// Turns a parsed pipeline into a `Plan`: checks stage and field names,
/// pushes what the API can answer into its requests, and leaves the rest
/// to client-side steps.
public enum Planner {
  public static func plan(_ pipeline: Pipeline) throws(Diagnostic) -> Plan {
    var stages = pipeline.stages[...]
    let sourceStage = stages.removeFirst()
    let kind = try sourceKind(of: sourceStage)
    var shape = RecordShape.of(kind)

    var conditions: [Expression] = sourceStage.condition.map { [$0] } ?? []
    var whereRange: SourceRange? = sourceStage.condition?.range
    while let next = stages.first, next.name.text.lowercased() == "where" {
      stages.removeFirst()
      conditions += next.condition.map { [$0] } ?? []
      whereRange = whereRange ?? next.range
    }
    let pushdown = try Pushdown(
      kind: kind, ids: sourceStage.arguments, conditions: conditions, shape: shape)
    var steps: [Plan.Located<Plan.Step>] = []
    if let remaining = pushdown.clientSide {
      steps.append(.init(item: .filter(remaining), name: "where", range: whereRange ?? sourceStage.range))
    }

    var output: OutputFormat? = nil
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
      case "select":
        guard !stage.arguments.isEmpty else {
          throw Diagnostic("'select' needs at least one field name", at: stage.name.range)
        }
        var paths: [String] = []
        for argument in stage.arguments {
          paths.append(try shape.resolve(Name(text: argument.text, range: argument.range)))
        }
        steps.append(.init(item: .select(paths), name: "select", range: stage.range))
        shape.fields = paths
      case "first":
        steps.append(.init(item: .first(try count(of: stage)), name: "first", range: stage.range))
      case "count":
        try expectNoArguments(stage)
        steps.append(.init(item: .count, name: "count", range: stage.name.range))
        shape = RecordShape(kind: nil, fields: ["count"])
      case "table", "json", "jsonl":
        try expectNoArguments(stage)
        output = OutputFormat(rawValue: name)
      default:
        throw unknownStage(stage.name, afterPipe: true)
      }
      if let condition = stage.condition {
        try appendFilter(condition, range: condition.range, shape: shape, to: &steps)
      }
    }

    return Plan(
      source: .init(
        item: pushdown.source(wanted: wantedCount(after: steps)), name: sourceStage.name.text.lowercased(),
        range: sourceStage.name.range),
      steps: steps, output: output, outputKind: shape.fields == nil ? shape.kind : nil,
      range: pipeline.range)
  }

  private static func sourceKind(of stage: Stage) throws(Diagnostic) -> RecordKind {
    switch stage.name.text.lowercased() {
    case "invocations": return .invocation
    case "tasks": return .task
    case "commands": return .command
    default: throw unknownStage(stage.name, afterPipe: false)
    }
  }

  private static func unknownStage(_ name: Name, afterPipe: Bool) -> Diagnostic {
    if let signature = StageCatalog.signature(named: name.text) {
      return afterPipe
        ? Diagnostic("'\(signature.name)' is a source: it can only start a pipeline", at: name.range)
        : Diagnostic(
          "'\(signature.name)' cannot start a pipeline; start with invocations, tasks or commands",
          at: name.range)
    }
    let candidates = StageCatalog.all.filter {
      afterPipe ? $0.role != .source || $0.name == "tasks" : $0.role == .source
    }
    return Diagnostic(
      "unknown \(afterPipe ? "stage" : "source") '\(name.text)'", at: name.range,
      suggestion: Suggestion.closest(to: name.text, among: candidates.map(\.name)))
  }

  /// Adds a `where` step; right after `tasks`, what the basic task info can
  /// decide is also checked before any task is fetched.
  private static func appendFilter(
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
    guard let argument = stage.arguments.first else { return 1 }
    guard stage.arguments.count == 1, let count = Int(argument.text), count >= 0 else {
      throw Diagnostic("'first' takes one whole number, e.g. first 10", at: argument.range)
    }
    return count
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
