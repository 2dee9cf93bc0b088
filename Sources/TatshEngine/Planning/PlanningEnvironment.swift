import TatshLanguage

/// What planning knows beyond the pipeline itself: the variables set by
/// earlier `let`s and the arguments a script was given.
struct PlanningEnvironment {
  /// The shape of each variable's records, by name (without `$`).
  var variables: [String: RecordShape] = [:]
  /// `$1 … $N`; `$args` is all of them.
  var arguments: [String] = []

  /// The pipeline with `$1 … $N` and `$args` replaced by the script's arguments.
  func substitutingArguments(in pipeline: Pipeline) throws(Diagnostic) -> Pipeline {
    var pipeline = pipeline
    for index in pipeline.stages.indices {
      var expanded: [Literal] = []
      for argument in pipeline.stages[index].arguments { expanded += try values(for: argument) }
      pipeline.stages[index].arguments = expanded
      if let condition = pipeline.stages[index].condition {
        pipeline.stages[index].condition = try substituting(in: condition)
      }
    }
    return pipeline
  }

  /// The literal itself, or the argument(s) it names.
  func values(for literal: Literal) throws(Diagnostic) -> [Literal] {
    guard literal.kind == .bare, literal.text.hasPrefix("$") else { return [literal] }
    let name = literal.text.dropFirst()
    if name == "args" {
      return arguments.map { Literal(text: $0, kind: .quoted, range: literal.range) }
    }
    guard let position = Int(name) else { return [literal] }
    guard position >= 1, position <= arguments.count else {
      throw Diagnostic(
        "script argument $\(position) was not given (there \(arguments.count == 1 ? "is" : "are") \(arguments.count))",
        at: literal.range)
    }
    return [Literal(text: arguments[position - 1], kind: .quoted, range: literal.range)]
  }

  private func substituting(in expression: Expression) throws(Diagnostic) -> Expression {
    switch expression {
    case .comparison(var comparison):
      let values = try values(for: comparison.value)
      guard values.count == 1 else {
        throw Diagnostic(
          "'\(comparison.value.text)' must be one value here; use 'in (…)' for several",
          at: comparison.value.range)
      }
      comparison.value = values[0]
      return .comparison(comparison)
    case .membership(let field, let literals, let isNegated, let range):
      var expanded: [Literal] = []
      for literal in literals { expanded += try values(for: literal) }
      return .membership(field: field, values: expanded, isNegated: isNegated, range: range)
    case .not(let inner, let range): return .not(try substituting(in: inner), range: range)
    case .and(let left, let right): return .and(try substituting(in: left), try substituting(in: right))
    case .or(let left, let right): return .or(try substituting(in: left), try substituting(in: right))
    }
  }
}
