import TatshLanguage

/// A pipeline as it is planned, stage by stage: the steps so far, the shape
/// of the records they hand on, and the output once one is named.
struct PipelineDraft {
  var shape: RecordShape
  var steps: [Plan.Located<Plan.Step>] = []
  var output: PlannedOutput? = nil
  let environment: PlanningEnvironment

  init(shape: RecordShape, environment: PlanningEnvironment) {
    self.shape = shape
    self.environment = environment
  }

  /// Adds a step that `stage` plans, labelled with its name for errors.
  mutating func append(_ step: some PlanStep, for stage: Stage, at range: SourceRange? = nil) {
    steps.append(.init(item: step, name: stage.name.text.lowercased(), range: range ?? stage.range))
  }

  /// Adds a `where` step; right after `tasks`, what the basic task info can
  /// decide is also checked before any task is fetched.
  mutating func appendFilter(_ expression: Expression, range: SourceRange) throws(Diagnostic) {
    let condition = try ConditionCompiler(shape: shape).compile(expression)
    if var fanOut = steps.last?.item as? TaskFanOutStep, fanOut.prefilter == nil {
      let decidable = Conjuncts.split(condition).filter {
        $0.paths.allSatisfy { TaskFanOutStep.basicFields.contains($0.joined(separator: ".")) }
      }
      if let prefilter = Conjuncts.join(decidable) {
        fanOut.prefilter = prefilter
        steps[steps.count - 1].item = fanOut
      }
    }
    steps.append(.init(item: FilterStep(condition: condition), name: "where", range: range))
  }

  /// How many records the source must deliver, when a `first N` follows it
  /// with nothing in between that drops records.
  var wantedCount: Int? {
    for step in steps {
      if let first = step.item as? FirstStep { return first.count }
      if !step.item.passesEveryRecord { return nil }
    }
    return nil
  }
}

extension Stage {
  /// Fails when the stage was given arguments; `reason` says why it takes none.
  func expectNoArguments(reason: String? = nil) throws(Diagnostic) {
    guard let first = arguments.first else { return }
    let detail = reason.map { " (\($0))" } ?? ""
    throw Diagnostic(
      "'\(name.text.lowercased())' takes no arguments\(detail)",
      at: first.range.union(arguments[arguments.count - 1].range))
  }

  /// The one whole number of `first N` and the like; 1 when none is given.
  func count() throws(Diagnostic) -> Int {
    let name = self.name.text.lowercased()
    guard let argument = arguments.first else { return 1 }
    guard arguments.count == 1, let count = Int(argument.text), count >= 0 else {
      throw Diagnostic("'\(name)' takes one whole number, e.g. \(name) 10", at: argument.range)
    }
    return count
  }

  /// The one field a stage such as `uniq F` or `get F` names, resolved in `shape`.
  func singleField(in shape: RecordShape) throws(Diagnostic) -> String {
    let name = self.name.text.lowercased()
    guard arguments.count == 1, let argument = arguments.first else {
      throw Diagnostic("'\(name)' takes one field name, e.g. \(name) status", at: range)
    }
    return try shape.resolve(Name(text: argument.text, range: argument.range))
  }
}
