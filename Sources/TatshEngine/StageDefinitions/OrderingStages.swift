import TatshLanguage

/// Stages that order or gather the records: `sort` and `group`.
extension StageRegistry {
  static let ordering: [StageDefinition] = [
    StageDefinition(
      name: "sort", role: .transform, usage: "sort by FIELD [desc], …",
      summary: "order the records (numbers as numbers, missing values last)",
      examples: ["invocations | sort by duration desc | first 5"],
      // `by`, then fields, each with `desc` or `asc`.
      completion: .custom { words, fields in
        words.count == 1 ? ["by"] : fields + (words.count > 2 ? ["desc", "asc"] : [])
      },
      followsPipe: { stage, draft throws(Diagnostic) in
        draft.append(SortStep(keys: try sortKeys(of: stage, shape: draft.shape)), for: stage)
      }),
    StageDefinition(
      name: "group", role: .transform,
      usage: "group by FIELD [count] [min|max|avg FIELD]… [percent FIELD VALUE]…",
      summary: "one record per value of FIELD, with its count and other aggregates",
      examples: [
        "invocations | group by status avg duration", "invocations | group by name percent status FAILED",
      ],
      // `by`, a field, then aggregates and fields.
      completion: .custom { words, fields in
        words.count == 1 ? ["by"] : words.count == 2 ? fields : GroupStep.words + fields
      },
      followsPipe: { stage, draft throws(Diagnostic) in
        let (key, aggregates) = try grouping(of: stage, shape: draft.shape)
        draft.append(GroupStep(key: key, aggregates: aggregates), for: stage)
        // The kind stays, so that its aliases still name the key: `group by name | sort by name`.
        draft.shape = RecordShape(kind: draft.shape.kind, fields: [key, "count"] + aggregates.map(\.name))
      }),
  ]

  /// `sort by F [desc], G [asc] …`.
  private static func sortKeys(of stage: Stage, shape: RecordShape) throws(Diagnostic) -> [SortStep.Key] {
    var arguments = stage.arguments[...]
    guard let by = arguments.first, by.text.lowercased() == "by", arguments.count > 1 else {
      throw Diagnostic(
        "'sort' is written 'sort by FIELD [desc], …'", at: stage.arguments.first?.range ?? stage.range)
    }
    arguments.removeFirst()
    var keys: [SortStep.Key] = []
    while let field = arguments.popFirst() {
      let path = try shape.resolve(Name(text: field.text, range: field.range))
      var isDescending = false
      if let direction = arguments.first, ["asc", "desc"].contains(direction.text.lowercased()) {
        isDescending = direction.text.lowercased() == "desc"
        arguments.removeFirst()
      }
      keys.append(SortStep.Key(path: path, isDescending: isDescending))
    }
    return keys
  }

  /// `group by F [count] [min|max|avg G]… [percent G VALUE]…`.
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
          suggestion: Suggestion.closest(to: word.text, among: GroupStep.words))
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
}

struct SortStep: PlanStep {
  /// One key of `sort by`.
  struct Key: Sendable {
    var path: String
    var isDescending: Bool
  }

  var keys: [Key]
  func stream(_ input: any RecordStream, in context: StepContext) -> any RecordStream {
    SortStream(input, keys: keys)
  }
  var explanation: String {
    "sort by: " + keys.map { $0.path + ($0.isDescending ? " desc" : "") }.joined(separator: ", ")
  }
}

struct GroupStep: PlanStep {
  /// The words that may follow `group by FIELD`.
  static let words = ["count", "min", "max", "avg", "percent"]

  var key: String
  var aggregates: [GroupStream.Aggregate]
  func stream(_ input: any RecordStream, in context: StepContext) -> any RecordStream {
    GroupStream(input, key: key, aggregates: aggregates)
  }
  var explanation: String {
    "group by \(key): count" + aggregates.map { ", \($0.function.rawValue) \($0.path)" }.joined()
  }
}
