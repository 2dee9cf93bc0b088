/// A recursive-descent parser from tokens to a `Program`.
///
///     program    := { statement (newline | ';') }
///     statement  := pipeline | 'explain' pipeline | 'let' NAME '=' pipeline
///                 | 'def' NAME { NAME } '=' pipeline | 'set' NAME value
///                 | 'echo' { value } | 'exit' [ value ] | 'source' value | 'help' [ NAME [ NAME ] ]
///                 | 'watch' value pipeline
///     pipeline   := stage { '|' stage }          (a newline may follow '|')
///     stage      := NAME [ argument { [','] argument } ] [ 'where' expression ] | 'where' expression
///     expression := and { 'or' and }
///     and        := unary { 'and' unary }
///     unary      := 'not' unary | '(' expression ')' | comparison
///     comparison := field OP value | field ['not'] 'in' '(' value { ',' value } ')'
public struct Parser {
  private var tokens: [Token]
  private var index = 0

  /// Parses `source` as a whole program.
  public static func parse(_ source: String) throws(Diagnostic) -> Program {
    var lexer = Lexer(source)
    var parser = Parser(tokens: try lexer.tokens())
    return try parser.program()
  }

  init(tokens: [Token]) {
    self.tokens = tokens
  }

  mutating func program() throws(Diagnostic) -> Program {
    var statements: [Statement] = []
    while true {
      while current.kind == .newline || current.kind == .semicolon { advance() }
      if current.kind == .end { return Program(statements: statements) }
      statements.append(try statement())
      switch current.kind {
      case .newline, .semicolon, .end: continue
      default:
        if let unit = Self.timeUnits[current.text.lowercased()], index > 0,
          let number = Double(tokens[index - 1].text)
        {
          throw Diagnostic(
            "a duration is written without a space, in short: \(tokens[index - 1].text)\(unit), not \(tokens[index - 1].text) \(current.text)",
            at: tokens[index - 1].range.union(current.range),
            suggestion: "\(number == number.rounded() ? String(Int(number)) : String(number))\(unit)")
        }
        if case .comparison = current.kind, let stage = statements.last?.pipeline?.stages.last,
          let misspelt = ([stage.name.text] + stage.arguments.filter { $0.kind == .bare }.map(\.text)).first(
            where: {
              $0.lowercased() != "where" && Suggestion.closest(to: $0, among: ["where"]) != nil
            })
        {
          // `wher status = FAILED`: the condition's keyword is misspelt.
          let range =
            misspelt == stage.name.text
            ? stage.name.range : stage.arguments.first { $0.text == misspelt }?.range ?? current.range
          throw Diagnostic(
            "a condition follows 'where', and '\(misspelt)' is not it", at: range, suggestion: "where")
        }
        if current.kind == .pipe, let last = statements.last, last.pipeline == nil {
          // `help grop | count`: a statement that is not a pipeline has no records to pipe.
          throw Diagnostic(
            "'\(Formatter.format(last).prefix { $0 != " " })' is not a pipeline, so nothing can follow it with '|'",
            at: current.range)
        }
        throw unexpected(expecting: "'|', ';' or the end of the line")
      }
    }
  }

  private mutating func statement() throws(Diagnostic) -> Statement {
    let start = current.range
    if current.isKeyword(StatementKeyword.explain) {
      advance()
      let pipeline = try pipeline()
      return .explain(pipeline, range: start.union(pipeline.range))
    }
    if current.isKeyword(StatementKeyword.`let`) {
      advance()
      guard current.kind == .word, !isReservedWord(current) else {
        throw unexpected(expecting: "a variable name after 'let'")
      }
      let name = Name(
        text: current.text.hasPrefix("$") ? String(current.text.dropFirst()) : current.text,
        range: current.range)
      advance()
      try expect(.comparison(.equal), "'=' after the variable name")
      let pipeline = try pipeline()
      return .assign(name, pipeline, range: start.union(pipeline.range))
    }
    if current.isKeyword(StatementKeyword.def) {
      advance()
      guard current.kind == .word, !isReservedWord(current) else {
        throw unexpected(expecting: "a name after 'def'")
      }
      let name = Name(text: current.text, range: current.range)
      advance()
      var parameters: [Name] = []
      while current.kind == .word {
        parameters.append(Name(text: current.text, range: current.range))
        advance()
      }
      try expect(.comparison(.equal), "'=' after the name and parameters of 'def'")
      let pipeline = try pipeline()
      return .define(name, parameters: parameters, pipeline, range: start.union(pipeline.range))
    }
    if current.isKeyword(StatementKeyword.source) {
      advance()
      guard current.kind == .word || current.kind == .string else {
        throw unexpected(expecting: "a file to read after 'source'")
      }
      let path = literal(current)
      advance()
      return .source(path, range: start.union(path.range))
    }
    if current.isKeyword(StatementKeyword.watch) {
      advance()
      guard current.kind == .word || current.kind == .string else {
        throw unexpected(expecting: "an interval after 'watch', e.g. watch 5s invocations")
      }
      let interval = literal(current)
      advance()
      // `watch invocations | count`: the source was taken for the interval.
      if current.kind == .pipe {
        throw Diagnostic(
          "'watch' needs an interval first: watch 5s \(interval.text) …", at: interval.range)
      }
      let pipeline = try pipeline()
      return .watch(interval, pipeline, range: start.union(pipeline.range))
    }
    if current.isKeyword(StatementKeyword.help) {
      advance()
      var words: [Name] = []
      while current.kind == .word, words.count < 2 {
        words.append(Name(text: current.text, range: current.range))
        advance()
      }
      return .help(words, range: words.reduce(start) { $0.union($1.range) })
    }
    if current.isKeyword(StatementKeyword.set) {
      advance()
      if [.newline, .semicolon, .end].contains(current.kind) { return .showSettings(range: start) }
      guard current.kind == .word else { throw unexpected(expecting: "a setting name after 'set'") }
      let name = Name(text: current.text, range: current.range)
      advance()
      let value = try value()
      return .set(name, value, range: start.union(value.range))
    }
    if current.isKeyword(StatementKeyword.echo) {
      advance()
      var words: [Literal] = []
      while current.kind == .word || current.kind == .string {
        words.append(literal(current))
        advance()
      }
      return .echo(words, range: start.union(words.last?.range ?? start))
    }
    if current.isKeyword(StatementKeyword.exit) {
      advance()
      guard current.kind == .word || current.kind == .string else { return .exit(nil, range: start) }
      let status = literal(current)
      advance()
      return .exit(status, range: start.union(status.range))
    }
    return .run(try pipeline())
  }

  private mutating func pipeline() throws(Diagnostic) -> Pipeline {
    var stages = [try stage()]
    while current.kind == .pipe {
      advance()
      while current.kind == .newline { advance() }
      stages.append(try stage())
    }
    return Pipeline(stages: stages, range: stages[0].range.union(stages[stages.count - 1].range))
  }

  private mutating func stage() throws(Diagnostic) -> Stage {
    guard current.kind == .word else { throw unexpected(expecting: "a stage name") }
    let name = Name(text: current.text, range: current.range)
    advance()
    if name.text.lowercased() == "where" {
      let condition = try expression()
      return Stage(name: name, arguments: [], condition: condition, range: name.range.union(condition.range))
    }
    var arguments: [Literal] = []
    while current.kind == .word || current.kind == .string, !current.isKeyword("where") {
      var argument = literal(current)
      advance()
      // `--limit=5`, `status=FAILED` written without spaces: one argument, as a shell passes it.
      if argument.kind == .bare, current.kind == .comparison(.equal),
        current.range.start == argument.range.end,
        index + 1 < tokens.count, [.word, .string].contains(tokens[index + 1].kind),
        tokens[index + 1].range.start == current.range.end
      {
        advance()
        let value = literal(current)
        argument = Literal(
          text: argument.text + "=" + value.text, kind: .bare, range: argument.range.union(value.range))
        advance()
        // `a=1,b=2`, `--limit=1,2`: what follows without a space belongs to it too.
        while [.comma, .comparison(.equal), .word].contains(current.kind),
          current.range.start == argument.range.end
        {
          argument = Literal(
            text: argument.text + (current.kind == .comma ? "," : current.kind == .word ? current.text : "="),
            kind: .bare, range: argument.range.union(current.range))
          advance()
        }
      }
      arguments.append(argument)
      if current.kind == .comma {
        advance()
        guard current.kind == .word || current.kind == .string else {
          throw unexpected(expecting: "another argument after ','")
        }
      }
    }
    var condition: Expression? = nil
    if current.isKeyword("where") {
      advance()
      condition = try expression()
    }
    let end = condition?.range ?? arguments.last?.range ?? name.range
    return Stage(name: name, arguments: arguments, condition: condition, range: name.range.union(end))
  }

  private mutating func expression() throws(Diagnostic) -> Expression {
    var left = try conjunction()
    while current.isKeyword("or") {
      advance()
      left = .or(left, try conjunction())
    }
    return left
  }

  private mutating func conjunction() throws(Diagnostic) -> Expression {
    var left = try unary()
    while current.isKeyword("and") {
      advance()
      left = .and(left, try unary())
    }
    return left
  }

  private mutating func unary() throws(Diagnostic) -> Expression {
    if current.isKeyword("not") {
      let start = current.range
      advance()
      let operand = try unary()
      return .not(operand, range: start.union(operand.range))
    }
    if current.kind == .leftParenthesis {
      advance()
      let inner = try expression()
      try expect(.rightParenthesis, "')'")
      return inner
    }
    return try comparison()
  }

  private mutating func comparison() throws(Diagnostic) -> Expression {
    guard current.kind == .word, !isReservedWord(current) else {
      throw unexpected(expecting: "a field name")
    }
    let field = Name(text: current.text, range: current.range)
    advance()
    var isNegated = false
    if current.isKeyword("not"), tokens[index + 1].isKeyword("in") {
      isNegated = true
      advance()
    }
    if current.isKeyword("in") {
      advance()
      try expect(.leftParenthesis, "'(' to start the list after 'in'")
      var values = [try value()]
      while current.kind == .comma {
        advance()
        values.append(try value())
      }
      let end = current.range
      try expect(.rightParenthesis, "',' or ')'")
      return .membership(field: field, values: values, isNegated: isNegated, range: field.range.union(end))
    }
    guard case .comparison(let comparator) = current.kind else {
      throw unexpected(expecting: "an operator (=, !=, <, <=, >, >=, ~, !~ or in) after '\(field.text)'")
    }
    advance()
    return .comparison(Comparison(field: field, comparator: comparator, value: try value()))
  }

  private mutating func value() throws(Diagnostic) -> Literal {
    guard current.kind == .word || current.kind == .string else { throw unexpected(expecting: "a value") }
    let value = literal(current)
    advance()
    return value
  }

  private func literal(_ token: Token) -> Literal {
    Literal(text: token.text, kind: token.kind == .string ? .quoted : .bare, range: token.range)
  }

  private func isReservedWord(_ token: Token) -> Bool {
    ["and", "or", "not", "in", "where"].contains { token.isKeyword($0) }
  }

  private var current: Token { tokens[index] }

  private mutating func advance() {
    if index < tokens.count - 1 { index += 1 }
  }

  private mutating func expect(_ kind: Token.Kind, _ description: String) throws(Diagnostic) {
    guard current.kind == kind else { throw unexpected(expecting: description) }
    advance()
  }

  /// Words people write after a number, and the unit a duration takes instead.
  static let timeUnits: [String: String] = [
    "second": "s", "seconds": "s", "sec": "s", "secs": "s", "minute": "m", "minutes": "m", "min": "m",
    "mins": "m", "hour": "h", "hours": "h", "day": "d", "days": "d", "week": "w", "weeks": "w",
  ]

  private func unexpected(expecting expected: String) -> Diagnostic {
    let found: String
    switch current.kind {
    case .end: found = "the end of the input"
    case .newline: found = "the end of the line"
    case .string: found = "\"\(current.text)\""
    default: found = "'\(current.text)'"
    }
    return Diagnostic("expected \(expected), found \(found)", at: current.range)
  }
}
