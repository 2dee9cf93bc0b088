import Synchronization
import TatshLanguage

/// What planning knows beyond the pipeline itself: the variables set by
/// earlier `let`s, the pipelines named by `def`, and a script's arguments.
struct PlanningEnvironment {
  /// A pipeline named by `def`, with its parameters.
  struct Definition {
    var parameters: [String]
    var pipeline: Pipeline
    /// Where it was written, so that a mistake in its body is shown there
    /// (a sourced library's `file:line:column`), not at a call.
    var place: Place? = nil

    /// The text a definition was written in, and its number: its body's
    /// ranges are moved into a span of their own when it is spliced in.
    struct Place {
      var source: String
      var origin: String?
      var number: Int
    }

    private static let count = Mutex(0)

    /// A place for a definition written in `source`, with a number no other has.
    static func place(in source: String, origin: String?) -> Place {
      Place(
        source: source, origin: origin,
        number: count.withLock {
          $0 += 1; return $0
        })
    }

    /// Ranges at or past this are in some definition's body.
    static let span = 1 << 32

    /// The definition a range of a spliced body belongs to, and the range in its own text.
    static func owner(of range: SourceRange, among definitions: [String: Definition]) -> (
      name: String, place: Place, range: SourceRange
    )? {
      let number = range.start / span
      guard number > 0,
        let (name, definition) = definitions.first(where: { $0.value.place?.number == number }),
        let place = definition.place
      else { return nil }
      return (name, place, SourceRange(range.start - number * span, range.end - number * span))
    }
  }

  /// The shape of each variable's records, by name (without `$`).
  var variables: [String: RecordShape] = [:]
  /// Named pipelines, by name.
  var definitions: [String: Definition] = [:]
  /// `$1 … $N`; `$args` is all of them.
  var arguments: [String] = []
  /// Whether conditions the API can decide go into its requests (off only to compare results).
  var pushesDown = true
  /// The plugins there are, and the folder of the script being run (for its `plugins/`).
  var plugins: PluginCatalog?
  var scriptFolder: String?
  /// The process environment, for finding `^commands` on `PATH`.
  var processEnvironment: [String: String] = [:]

  /// The names of the plugins that can be found.
  var pluginNames: [String] { plugins.map { Array($0.paths(scriptFolder: scriptFolder).keys) } ?? [] }

  /// Files an earlier statement of the program saves, with the shape of their records:
  /// `open` can plan for them before they exist.
  var savedFiles: [String: RecordShape] = [:]

  private static let maximumNesting = 16

  /// The pipeline with definitions spliced in and `$1 … $N`, `$args` replaced.
  func prepared(_ pipeline: Pipeline) throws(Diagnostic) -> Pipeline {
    var bindings: [String: [String]] = ["args": arguments]
    for (index, argument) in arguments.enumerated() { bindings[String(index + 1)] = [argument] }
    // Arguments first, so that `mydef $1` passes the value; then again for
    // definitions whose bodies use the script's arguments themselves.
    let called = try Self.substituting(bindings, in: pipeline, scriptArgumentCount: arguments.count)
    let expanded = try expandingDefinitions(in: called, depth: 0)
    return try Self.substituting(bindings, in: expanded, scriptArgumentCount: arguments.count)
  }

  private func expandingDefinitions(in pipeline: Pipeline, depth: Int) throws(Diagnostic) -> Pipeline {
    var stages: [Stage] = []
    for stage in pipeline.stages {
      guard let definition = definitions[stage.name.text] else {
        stages.append(stage)
        continue
      }
      guard depth < Self.maximumNesting else {
        throw Diagnostic("'\(stage.name.text)' is defined in terms of itself", at: stage.name.range)
      }
      guard stage.arguments.count == definition.parameters.count else {
        let expected =
          definition.parameters.isEmpty ? "no arguments" : definition.parameters.joined(separator: " ")
        throw Diagnostic(
          "'\(stage.name.text)' takes \(definition.parameters.count) argument\(definition.parameters.count == 1 ? "" : "s") (\(expected)), got \(stage.arguments.count)",
          at: stage.range)
      }
      var bindings: [String: [String]] = [:]
      for (parameter, argument) in zip(definition.parameters, stage.arguments) {
        bindings[parameter] = [argument.text]
      }
      if let place = definition.place {
        // Its body keeps its own places, moved into a span of their own.
        let body = try Self.substituting(
          bindings, in: definition.pipeline.shifted(by: place.number * Definition.span),
          scriptArgumentCount: nil)
        stages += try expandingDefinitions(in: body, depth: depth + 1).stages
      } else {
        let body = try Self.substituting(bindings, in: definition.pipeline, scriptArgumentCount: nil)
        let expanded = try expandingDefinitions(in: body, depth: depth + 1)
        stages += expanded.stages.map { $0.relocated(to: stage.name.range) }
      }
      if let condition = stage.condition {
        stages.append(
          Stage(
            name: Name(text: "where", range: stage.name.range), arguments: [], condition: condition,
            range: condition.range))
      }
    }
    return Pipeline(stages: stages, range: pipeline.range)
  }

  /// Replaces `$name` literals by their bindings; names not bound are left
  /// alone, except script arguments (`$1`…), which must exist.
  private static func substituting(
    _ bindings: [String: [String]], in pipeline: Pipeline, scriptArgumentCount: Int?
  ) throws(Diagnostic) -> Pipeline {
    /// `kind`: what a bound value becomes. In a condition it is typed as a
    /// literal written there would be (a number, a time, `-24h`, `5m`); as a
    /// stage's argument it stays one quoted word, so that no value becomes a
    /// flag (`--yes`) or a keyword (`on`).
    func values(for literal: Literal, as kind: Literal.Kind = .quoted) throws(Diagnostic) -> [Literal] {
      guard literal.kind == .bare, literal.text.hasPrefix("$") else { return [literal] }
      let name = String(literal.text.dropFirst())
      if let bound = bindings[name] {
        return bound.map { Literal(text: $0, kind: kind, range: literal.range) }
      }
      if let count = scriptArgumentCount, let position = Int(name) {
        throw Diagnostic(
          "script argument $\(position) was not given (there \(count == 1 ? "is" : "are") \(count))",
          at: literal.range)
      }
      return [literal]
    }
    func substituting(in expression: Expression) throws(Diagnostic) -> Expression {
      switch expression {
      case .comparison(var comparison):
        let replaced = try values(for: comparison.value, as: .bare)
        guard replaced.count == 1 else {
          throw Diagnostic(
            "'\(comparison.value.text)' must be one value here; use 'in (…)' for several",
            at: comparison.value.range)
        }
        comparison.value = replaced[0]
        return .comparison(comparison)
      case .membership(let field, let literals, let isNegated, let range):
        var expanded: [Literal] = []
        for literal in literals { expanded += try values(for: literal, as: .bare) }
        return .membership(field: field, values: expanded, isNegated: isNegated, range: range)
      case .not(let inner, let range): return .not(try substituting(in: inner), range: range)
      case .and(let left, let right): return .and(try substituting(in: left), try substituting(in: right))
      case .or(let left, let right): return .or(try substituting(in: left), try substituting(in: right))
      }
    }
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

  /// `echo`'s words with `$1 … $N` and `$args` replaced.
  func words(_ literals: [Literal]) throws(Diagnostic) -> [Literal] {
    let stage = Stage(
      name: Name(text: "echo", range: SourceRange(0, 0)), arguments: literals, condition: nil,
      range: SourceRange(0, 0))
    return try prepared(Pipeline(stages: [stage], range: stage.range)).stages[0].arguments
  }
}

extension Stage {
  /// The stage with every range moved to `range`: a definition's body,
  /// spliced in at a call, reports its errors at the call.
  fileprivate func relocated(to range: SourceRange) -> Stage {
    Stage(
      name: Name(text: name.text, range: range),
      arguments: arguments.map { Literal(text: $0.text, kind: $0.kind, range: range) },
      condition: condition?.relocated(to: range), range: range)
  }
}

extension Expression {
  fileprivate func relocated(to range: SourceRange) -> Expression {
    switch self {
    case .comparison(let comparison):
      return .comparison(
        Comparison(
          field: Name(text: comparison.field.text, range: range), comparator: comparison.comparator,
          value: Literal(text: comparison.value.text, kind: comparison.value.kind, range: range)))
    case .membership(let field, let values, let isNegated, _):
      return .membership(
        field: Name(text: field.text, range: range),
        values: values.map { Literal(text: $0.text, kind: $0.kind, range: range) }, isNegated: isNegated,
        range: range)
    case .not(let inner, _): return .not(inner.relocated(to: range), range: range)
    case .and(let left, let right): return .and(left.relocated(to: range), right.relocated(to: range))
    case .or(let left, let right): return .or(left.relocated(to: range), right.relocated(to: range))
    }
  }
}

extension Pipeline {
  /// The pipeline with every range moved on by `offset`.
  fileprivate func shifted(by offset: Int) -> Pipeline {
    func move(_ range: SourceRange) -> SourceRange { SourceRange(range.start + offset, range.end + offset) }
    func move(_ literal: Literal) -> Literal {
      Literal(text: literal.text, kind: literal.kind, range: move(literal.range))
    }
    func move(_ expression: Expression) -> Expression {
      switch expression {
      case .comparison(let comparison):
        return .comparison(
          Comparison(
            field: Name(text: comparison.field.text, range: move(comparison.field.range)),
            comparator: comparison.comparator, value: move(comparison.value)))
      case .membership(let field, let values, let isNegated, let range):
        return .membership(
          field: Name(text: field.text, range: move(field.range)), values: values.map(move),
          isNegated: isNegated,
          range: move(range))
      case .not(let inner, let range): return .not(move(inner), range: move(range))
      case .and(let left, let right): return .and(move(left), move(right))
      case .or(let left, let right): return .or(move(left), move(right))
      }
    }
    return Pipeline(
      stages: stages.map { stage in
        Stage(
          name: Name(text: stage.name.text, range: move(stage.name.range)),
          arguments: stage.arguments.map(move),
          condition: stage.condition.map(move), range: move(stage.range))
      }, range: move(range))
  }
}
