import Testing

@testable import TatshLanguage

/// The single pipeline of `source`.
private func pipeline(_ source: String) throws -> Pipeline {
  let program = try Parser.parse(source)
  try #require(program.pipelines.count == 1)
  return program.pipelines[0]
}

/// The condition of the first stage of `source`, as a sketch.
private func condition(_ source: String) throws -> String {
  let stage = try #require(try pipeline(source).stages.first)
  return try #require(stage.condition).sketch
}

@Suite("Parser: pipelines and stages")
struct ParserPipelineTests {
  @Test("the one-line picture: three stages, the condition on the first")
  func onelinePicture() throws {
    let source = "invocations where status=FAILED | tasks | decode"
    let pipeline = try pipeline(source)
    #expect(pipeline.stages.map(\.name.text) == ["invocations", "tasks", "decode"])
    #expect(pipeline.stages.map(\.arguments) == [[], [], []])
    #expect(pipeline.stages[1].condition == nil)
    #expect(pipeline.stages[2].condition == nil)

    let condition = try #require(pipeline.stages[0].condition)
    guard case .comparison(let comparison) = condition else {
      Issue.record("expected a comparison, got \(condition)")
      return
    }
    #expect(comparison.field == Name(text: "status", range: SourceRange(18, 24)))
    #expect(comparison.comparator == .equal)
    #expect(comparison.value == Literal(text: "FAILED", kind: .bare, range: SourceRange(25, 31)))
    #expect(comparison.range == SourceRange(18, 31))

    #expect(pipeline.stages[0].name.range == SourceRange(0, 11))
    #expect(
      pipeline.stages.map(\.range) == [
        SourceRange(0, 31), SourceRange(34, 39), SourceRange(42, 48),
      ])
    #expect(pipeline.range == SourceRange(0, 48))
  }

  @Test("stage arguments are literals, before an optional 'where'")
  func stageArguments() throws {
    let source = "invocations inv-a inv-b where status=FAILED"
    let stage = try #require(try pipeline(source).stages.first)
    #expect(stage.name.text == "invocations")
    #expect(
      stage.arguments == [
        Literal(text: "inv-a", kind: .bare, range: SourceRange(12, 17)),
        Literal(text: "inv-b", kind: .bare, range: SourceRange(18, 23)),
      ])
    #expect(try #require(stage.condition).sketch == "status=FAILED")
    #expect(stage.range.text(in: source) == source)
  }

  @Test("arguments without a condition; the stage range ends at the last argument")
  func argumentsWithoutCondition() throws {
    let source = "invocations inv-a inv-b | tasks"
    let stage = try #require(try pipeline(source).stages.first)
    #expect(stage.arguments.map(\.text) == ["inv-a", "inv-b"])
    #expect(stage.condition == nil)
    #expect(stage.range.text(in: source) == "invocations inv-a inv-b")
  }

  @Test("commas may separate arguments", arguments: ["select a, b", "select a,b", "select a , b"])
  func commaSeparatedArguments(source: String) throws {
    let stage = try #require(try pipeline(source).stages.first)
    #expect(stage.name.text == "select")
    #expect(stage.arguments.map(\.text) == ["a", "b"])
    #expect(stage.arguments.map(\.kind) == [.bare, .bare])
    #expect(stage.arguments.map { $0.range.text(in: source) } == ["a", "b"])
  }

  @Test("a quoted argument keeps its value without the quotes")
  func quotedArgument() throws {
    let source = #"save "my report.csv" 'x y'"#
    let stage = try #require(try pipeline(source).stages.first)
    #expect(
      stage.arguments == [
        Literal(text: "my report.csv", kind: .quoted, range: SourceRange(5, 20)),
        Literal(text: "x y", kind: .quoted, range: SourceRange(21, 26)),
      ])
  }

  @Test("'| where ...' is a stage of its own", arguments: ["where", "WHERE", "Where"])
  func whereStage(spelling: String) throws {
    let source = "invocations | \(spelling) status=FAILED and exit>0 | tasks"
    let pipeline = try pipeline(source)
    #expect(pipeline.stages.count == 3)
    let stage = pipeline.stages[1]
    #expect(stage.name.text == spelling)
    #expect(stage.arguments.isEmpty)
    #expect(try #require(stage.condition).sketch == "(and status=FAILED exit>0)")
    #expect(stage.range.text(in: source) == "\(spelling) status=FAILED and exit>0")
    #expect(pipeline.stages[0].condition == nil)
  }

  @Test("a pipeline may start with 'where'")
  func whereFirst() throws {
    let stage = try #require(try pipeline("where a=1").stages.first)
    #expect(stage.name.text == "where")
    #expect(try #require(stage.condition).sketch == "a=1")
  }

  @Test("a dotted field name and quoted values in a condition")
  func fieldsAndValues() throws {
    let source = #"tasks where TaskResult.ExitCode>0 and output~"no space left""#
    let stage = try #require(try pipeline(source).stages.first)
    guard case .and(.comparison(let left), .comparison(let right)) = try #require(stage.condition)
    else {
      Issue.record("expected an 'and' of two comparisons")
      return
    }
    #expect(left.field.text == "TaskResult.ExitCode")
    #expect(left.comparator == .greater)
    #expect(left.value == Literal(text: "0", kind: .bare, range: SourceRange(32, 33)))
    #expect(right.field.text == "output")
    #expect(right.comparator == .matches)
    #expect(right.value.text == "no space left")
    #expect(right.value.kind == .quoted)
    #expect(right.range.text(in: source) == #"output~"no space left""#)
  }

  @Test("every comparison operator reaches the AST", arguments: ComparisonOperator.allCases)
  func operators(comparator: ComparisonOperator) throws {
    #expect(
      try condition("invocations where exit\(comparator.rawValue)3")
        == "exit\(comparator.rawValue)3")
  }

  @Test("'==' means '='")
  func doubleEquals() throws {
    #expect(try condition("invocations where status==FAILED") == "status=FAILED")
  }

  @Test("relative times and ISO times are plain values")
  func timeValues() throws {
    #expect(try condition("invocations where created>-24h") == "created>-24h")
    #expect(
      try condition("invocations where created>=2024-01-01T00:00:00Z")
        == "created>=2024-01-01T00:00:00Z")
  }
}

@Suite("Parser: conditions")
struct ParserConditionTests {
  @Test(
    "'not' binds tighter than 'and', which binds tighter than 'or'",
    arguments: [
      ("a=1 or b=2 and c=3", "(or a=1 (and b=2 c=3))"),
      ("a=1 and b=2 or c=3", "(or (and a=1 b=2) c=3)"),
      ("not a=1 and b=2", "(and (not a=1) b=2)"),
      ("a=1 and not b=2", "(and a=1 (not b=2))"),
      ("not a=1 or b=2", "(or (not a=1) b=2)"),
      ("a=1 or not b=2 and c=3", "(or a=1 (and (not b=2) c=3))"),
      ("not not a=1", "(not (not a=1))"),
    ])
  func precedence(condition text: String, expected: String) throws {
    #expect(try condition("invocations where \(text)") == expected)
  }

  @Test(
    "'and' and 'or' group to the left",
    arguments: [
      ("a=1 or b=2 or c=3", "(or (or a=1 b=2) c=3)"),
      ("a=1 and b=2 and c=3", "(and (and a=1 b=2) c=3)"),
    ])
  func associativity(condition text: String, expected: String) throws {
    #expect(try condition("invocations where \(text)") == expected)
  }

  @Test(
    "parentheses override precedence",
    arguments: [
      ("(a=1 or b=2) and c=3", "(and (or a=1 b=2) c=3)"),
      ("a=1 and (b=2 or c=3)", "(and a=1 (or b=2 c=3))"),
      ("not (a=1 or b=2)", "(not (or a=1 b=2))"),
      ("((a=1))", "a=1"),
      ("a=1 or (b=2 or c=3)", "(or a=1 (or b=2 c=3))"),
    ])
  func parentheses(condition text: String, expected: String) throws {
    #expect(try condition("invocations where \(text)") == expected)
  }

  @Test("keywords are recognised in any case")
  func keywordCase() throws {
    #expect(
      try condition("invocations WHERE a=1 AND NOT b=2 Or c In (x, y) and d NOT IN (z)")
        == "(or (and a=1 (not b=2)) (and c in (x, y) d not in (z)))")
  }

  @Test("'in (a, b)' is a membership test")
  func membership() throws {
    let source = "invocations where status in (FAILED, TIMEOUT) | tasks"
    let stage = try #require(try pipeline(source).stages.first)
    guard
      case .membership(let field, let values, let isNegated, let range) = try #require(
        stage.condition)
    else {
      Issue.record("expected a membership test")
      return
    }
    #expect(field.text == "status")
    #expect(values.map(\.text) == ["FAILED", "TIMEOUT"])
    #expect(values.map { $0.range.text(in: source) } == ["FAILED", "TIMEOUT"])
    #expect(isNegated == false)
    #expect(range.text(in: source) == "status in (FAILED, TIMEOUT)")
    #expect(stage.range.text(in: source) == "invocations where status in (FAILED, TIMEOUT)")
  }

  @Test("'not in (...)' is a negated membership test")
  func negatedMembership() throws {
    let source = "invocations where status not in (SUCCESS)"
    let stage = try #require(try pipeline(source).stages.first)
    guard
      case .membership(let field, let values, let isNegated, let range) = try #require(
        stage.condition)
    else {
      Issue.record("expected a membership test")
      return
    }
    #expect(field.text == "status")
    #expect(values.map(\.text) == ["SUCCESS"])
    #expect(isNegated)
    #expect(range.text(in: source) == "status not in (SUCCESS)")
  }

  @Test("'not' before a membership test negates the whole test")
  func notBeforeMembership() throws {
    #expect(try condition("invocations where not status in (A, B)") == "(not status in (A, B))")
  }

  @Test("a membership list may hold quoted values and sit inside 'and'")
  func membershipInsideAnd() throws {
    let source = #"tasks where instance in ('ins-a', "ins b") and exit!=0"#
    let stage = try #require(try pipeline(source).stages.first)
    guard
      case .and(.membership(_, let values, false, _), .comparison(let comparison)) = try #require(
        stage.condition)
    else {
      Issue.record("expected an 'and' of a membership test and a comparison")
      return
    }
    #expect(values.map(\.text) == ["ins-a", "ins b"])
    #expect(values.map(\.kind) == [.quoted, .quoted])
    #expect(comparison.comparator == .notEqual)
  }

  @Test("a 'not' expression's range starts at 'not'")
  func notRange() throws {
    let source = "invocations where not status=FAILED"
    let condition = try #require(try pipeline(source).stages.first?.condition)
    guard case .not(_, let range) = condition else {
      Issue.record("expected 'not'")
      return
    }
    #expect(range.text(in: source) == "not status=FAILED")
    #expect(condition.range == range)
  }

  @Test("an 'and'/'or' expression's range covers both sides")
  func binaryRange() throws {
    let source = "invocations where a=1 and b=2 or c=3"
    let condition = try #require(try pipeline(source).stages.first?.condition)
    #expect(condition.range.text(in: source) == "a=1 and b=2 or c=3")
    guard case .or(let left, _) = condition else {
      Issue.record("expected 'or'")
      return
    }
    #expect(left.range.text(in: source) == "a=1 and b=2")
  }
}

@Suite("Parser: programs")
struct ParserProgramTests {
  @Test("newlines and ';' separate pipelines")
  func severalPipelines() throws {
    let source = "invocations | tasks\ncommands; invocations inv-a"
    let program = try Parser.parse(source)
    #expect(program.pipelines.count == 3)
    #expect(
      program.pipelines.map { $0.stages.map(\.name.text) } == [
        ["invocations", "tasks"], ["commands"], ["invocations"],
      ])
    #expect(
      program.pipelines.map { $0.range.text(in: source) } == [
        "invocations | tasks", "commands", "invocations inv-a",
      ])
  }

  @Test("blank lines, comment lines and extra separators are ignored")
  func blankAndCommentLines() throws {
    let source = """

      # failed runs of the last day

      invocations where status=FAILED   # the failures
      ;;
        # and the commands
      commands ;

      """
    let program = try Parser.parse(source)
    #expect(
      program.pipelines.map { $0.stages.map(\.name.text) } == [["invocations"], ["commands"]])
    #expect(try #require(program.pipelines[0].stages[0].condition).sketch == "status=FAILED")
  }

  @Test("a line that ends in '|' continues on the next one")
  func continuation() throws {
    let source = """
      invocations where status=FAILED |
        tasks |   # comments and blank lines may follow the pipe

        decode
      commands
      """
    let program = try Parser.parse(source)
    #expect(program.pipelines.count == 2)
    #expect(program.pipelines[0].stages.map(\.name.text) == ["invocations", "tasks", "decode"])
    #expect(program.pipelines[1].stages.map(\.name.text) == ["commands"])
    #expect(program.pipelines[0].stages[2].range.text(in: source) == "decode")
  }

  @Test(
    "an empty program has no pipelines",
    arguments: ["", "   ", "\n\n", "# only a comment\n", ";;", " ; \n ; # x"])
  func emptyProgram(source: String) throws {
    #expect(try Parser.parse(source).pipelines.isEmpty)
  }
}

@Suite("Parser: errors")
struct ParserErrorTests {
  /// A program with an error, where the error should point, and a part of
  /// the message it should have.
  struct Case: Sendable, CustomTestStringConvertible {
    var source: String
    var start: Int
    var end: Int
    var message: String
    var testDescription: String { source.debugDescription }

    init(_ source: String, at start: Int, _ end: Int, _ message: String) {
      self.source = source
      self.start = start
      self.end = end
      self.message = message
    }
  }

  @Test(
    "a missing value points where the value should be",
    arguments: [
      Case("invocations where status=", at: 25, 25, "expected a value, found the end of the input"),
      Case("invocations where status= | tasks", at: 26, 27, "expected a value, found '|'"),
      Case(
        "invocations where status=\ntasks", at: 25, 26,
        "expected a value, found the end of the line"),
      Case("invocations where status=;", at: 25, 26, "expected a value, found ';'"),
      Case("invocations where status in ()", at: 29, 30, "expected a value, found ')'"),
      Case("invocations where status in (A,)", at: 31, 32, "expected a value, found ')'"),
    ])
  func missingValue(_ error: Case) throws {
    try check(error)
  }

  @Test(
    "a missing operator points at what follows the field",
    arguments: [
      Case("invocations where status FAILED", at: 25, 31, "expected an operator"),
      Case("invocations where status", at: 24, 24, "expected an operator"),
      Case("invocations where status not FAILED", at: 25, 28, "expected an operator"),
    ])
  func missingOperator(_ error: Case) throws {
    try check(error)
    let diagnostic = try #require(parseError(error.source))
    #expect(diagnostic.message.contains("after 'status'"))
  }

  @Test(
    "an unclosed parenthesis points where ')' should be",
    arguments: [
      Case(
        "invocations where (status=FAILED or exit>0", at: 42, 42,
        "expected ')', found the end of the input"),
      Case("invocations where (status=FAILED | tasks", at: 33, 34, "expected ')', found '|'"),
      Case("invocations where status in (A, B", at: 33, 33, "expected ',' or ')'"),
      Case("invocations where status in (A B)", at: 31, 32, "expected ',' or ')', found 'B'"),
      Case(
        "invocations where status in FAILED", at: 28, 34,
        "expected '(' to start the list after 'in'"),
    ])
  func unclosedParenthesis(_ error: Case) throws {
    try check(error)
  }

  @Test(
    "a missing or malformed stage name points at the place of the name",
    arguments: [
      Case("invocations |", at: 13, 13, "expected a stage name, found the end of the input"),
      Case("invocations |  \n\n", at: 17, 17, "expected a stage name, found the end of the input"),
      Case("invocations | = x", at: 14, 15, "expected a stage name, found '='"),
      Case("invocations | 'tasks'", at: 14, 21, "expected a stage name, found \"tasks\""),
      Case("invocations | | tasks", at: 14, 15, "expected a stage name, found '|'"),
      Case("| tasks", at: 0, 1, "expected a stage name, found '|'"),
      // Without a trailing '|', the next line is a new pipeline, which cannot start with '|'.
      Case("invocations\n| tasks", at: 12, 13, "expected a stage name, found '|'"),
    ])
  func badStageName(_ error: Case) throws {
    try check(error)
  }

  @Test(
    "a missing field name points where the field should be",
    arguments: [
      Case("invocations where", at: 17, 17, "expected a field name, found the end of the input"),
      Case("invocations where status=FAILED and", at: 35, 35, "expected a field name"),
      Case("invocations where not", at: 21, 21, "expected a field name"),
      Case("invocations where in=1", at: 18, 20, "expected a field name, found 'in'"),
      Case("invocations where 'status'=FAILED", at: 18, 26, "expected a field name"),
      Case("invocations where ()", at: 19, 20, "expected a field name, found ')'"),
    ])
  func missingField(_ error: Case) throws {
    try check(error)
  }

  @Test(
    "leftovers after a pipeline point at the first extra token",
    arguments: [
      Case(
        "invocations where a=1 b=2", at: 22, 23,
        "expected '|', ';' or the end of the line, found 'b'"),
      Case("invocations where (a=1))", at: 23, 24, "found ')'"),
      Case("invocations status = FAILED", at: 19, 20, "found '='"),
      Case("select , a", at: 7, 8, "found ','"),
    ])
  func leftovers(_ error: Case) throws {
    try check(error)
  }

  @Test("a lexical error reaches the caller of Parser.parse")
  func lexicalError() throws {
    try check(Case("invocations where status ! FAILED", at: 25, 26, "'!='"))
    try check(Case("invocations where output=\"abc", at: 25, 26, "unterminated"))
  }

  @Test("an error on a later line points into that line")
  func errorOnLaterLine() throws {
    let source = "invocations\ncommands where x=\ntasks"
    try check(Case(source, at: 29, 30, "expected a value, found the end of the line"))
    let diagnostic = try #require(parseError(source))
    #expect(diagnostic.rendered(in: source, origin: "f").hasPrefix("f:2:18: error: "))
  }

  @Test("an error in the second of several pipelines is found")
  func errorInSecondPipeline() throws {
    try check(Case("invocations; tasks |", at: 20, 20, "expected a stage name"))
  }

  private func check(_ error: Case, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let diagnostic = try #require(parseError(error.source), sourceLocation: sourceLocation)
    #expect(diagnostic.range == SourceRange(error.start, error.end), sourceLocation: sourceLocation)
    #expect(
      diagnostic.message.contains(error.message), "message: \(diagnostic.message)",
      sourceLocation: sourceLocation)
    #expect(diagnostic.suggestion == nil, sourceLocation: sourceLocation)
  }
}

@Suite struct ArgumentListTests {
  @Test func commasSeparateArgumentsOnlyBetweenArguments() throws {
    #expect(parseError("select a, b c") == nil)
    let doubled = try #require(parseError("select a,,b"))
    #expect(doubled.message.contains("another argument after ','"))
    #expect(doubled.range == SourceRange(9, 10))
    #expect(parseError("select a, | count") != nil)
  }
}
