import TatshLanguage

/// Stages that keep some of the records: `where`, `first`, `skip`, `last`, `uniq`, and `count`.
extension StageRegistry {
  static let filtering: [StageDefinition] = [
    StageDefinition(
      name: "where", role: .transform, usage: "where CONDITION",
      summary: "keep the records that satisfy CONDITION",
      examples: ["tasks | where exit != 0 and output ~ 'denied'"],
      followsPipe: { stage, draft throws(Diagnostic) in
        guard let condition = stage.condition else { return }
        try draft.appendFilter(condition, range: stage.range)
      }, ownsCondition: true),
    StageDefinition(
      name: "first", role: .transform, usage: "first [N]",
      summary: "the first N records (default 1); stops fetching once they are in",
      examples: ["invocations | first 10"],
      completion: .custom { words, _ in words.count == 1 ? [] : ["where"] },
      followsPipe: { stage, draft throws(Diagnostic) in
        draft.append(FirstStep(count: try stage.count()), for: stage)
      }
    ),
    StageDefinition(
      name: "skip", role: .transform, usage: "skip [N]", summary: "drop the first N records",
      examples: ["invocations | skip 20 | first 20"],
      completion: .custom { words, _ in words.count == 1 ? [] : ["where"] },
      followsPipe: { stage, draft throws(Diagnostic) in
        draft.append(SkipStep(count: try stage.count()), for: stage)
      }
    ),
    StageDefinition(
      name: "last", role: .transform, usage: "last [N]", summary: "the last N records",
      examples: ["invocations | last 3"],
      completion: .custom { words, _ in words.count == 1 ? [] : ["where"] },
      followsPipe: { stage, draft throws(Diagnostic) in
        draft.append(LastStep(count: try stage.count()), for: stage)
      }
    ),
    StageDefinition(
      name: "uniq", role: .transform, usage: "uniq FIELD",
      summary: "the first record of each distinct value of FIELD", examples: ["tasks | uniq instance"],
      completion: .fields,
      followsPipe: { stage, draft throws(Diagnostic) in
        draft.append(UniqStep(path: try stage.singleField(in: draft.shape)), for: stage)
      }),
    StageDefinition(
      name: "count", role: .transform, usage: "count", summary: "the number of records",
      examples: ["invocations where status=FAILED | count"],
      followsPipe: { stage, draft throws(Diagnostic) in
        try stage.expectNoArguments()
        draft.append(CountStep(), for: stage, at: stage.name.range)
        draft.shape = RecordShape(kind: nil, fields: ["count"])
      }),
  ]
}

/// `where`: the records that satisfy a condition.
struct FilterStep: PlanStep {
  var condition: Condition
  func stream(_ input: any RecordStream, in context: StepContext) -> any RecordStream {
    FilterStream(input, condition: condition)
  }
  var explanation: String { "where (client-side): \(condition.description)" }
}

/// `first N`, which also bounds what the source fetches.
struct FirstStep: PlanStep {
  var count: Int
  func stream(_ input: any RecordStream, in context: StepContext) -> any RecordStream {
    FirstStream(input, count: count)
  }
  var explanation: String { "first \(count): stops asking once \(count) records are in" }
}

struct SkipStep: PlanStep {
  var count: Int
  func stream(_ input: any RecordStream, in context: StepContext) -> any RecordStream {
    SkipStream(input, count: count)
  }
  var explanation: String { "skip \(count)" }
}

struct LastStep: PlanStep {
  var count: Int
  func stream(_ input: any RecordStream, in context: StepContext) -> any RecordStream {
    LastStream(input, count: count)
  }
  var explanation: String { "last \(count)" }
}

struct UniqStep: PlanStep {
  var path: String
  func stream(_ input: any RecordStream, in context: StepContext) -> any RecordStream {
    UniqueStream(input, path: path)
  }
  var explanation: String { "uniq: \(path)" }
}

struct CountStep: PlanStep {
  func stream(_ input: any RecordStream, in context: StepContext) -> any RecordStream { CountStream(input) }
  var explanation: String { "count" }
}
