import Testing

@testable import TatshLanguage

/// `source` parsed and formatted.
private func formatted(_ source: String) throws -> String {
  Formatter.format(try Parser.parse(source))
}

@Suite("Formatter: canonical text")
struct FormatterCanonicalTests {
  @Test(
    "spacing, operators and keyword case are made canonical",
    arguments: [
      ("invocations   where STATUS=FAILED|tasks", "invocations where STATUS = FAILED | tasks"),
      (
        "invocations where status=FAILED | tasks | decode",
        "invocations where status = FAILED | tasks | decode"
      ),
      ("tasks WHERE a==1 AND b!=2 OR c<3", "tasks where a = 1 and b != 2 or c < 3"),
      (
        "tasks where a<=1 and b>=2 and c>3 and d~x and e!~y",
        "tasks where a <= 1 and b >= 2 and c > 3 and d ~ x and e !~ y"
      ),
      ("tasks where s IN (A,B ,C)", "tasks where s in (A, B, C)"),
      ("tasks where s NOT  IN (A)", "tasks where s not in (A)"),
      ("tasks where NOT s in (A)", "tasks where not s in (A)"),
      ("invocations|WHERE x=1|Where y=2", "invocations | where x = 1 | where y = 2"),
      ("where x=1", "where x = 1"),
      ("select a,b , c", "select a b c"),
      ("invocations -24h where command-id=cmd-9dxzty3m", "invocations -24h where command-id = cmd-9dxzty3m"),
    ])
  func spacing(source: String, expected: String) throws {
    #expect(try formatted(source) == expected)
  }

  @Test(
    "only the parentheses the precedence needs",
    arguments: [
      ("t where a=1 or (b=2 and c=3)", "t where a = 1 or b = 2 and c = 3"),
      ("t where (a=1 or b=2) and c=3", "t where (a = 1 or b = 2) and c = 3"),
      ("t where a=1 and (b=2 or c=3)", "t where a = 1 and (b = 2 or c = 3)"),
      ("t where (a=1 or b=2) or c=3", "t where a = 1 or b = 2 or c = 3"),
      ("t where a=1 or (b=2 or c=3)", "t where a = 1 or (b = 2 or c = 3)"),
      ("t where (a=1 and b=2) and c=3", "t where a = 1 and b = 2 and c = 3"),
      ("t where a=1 and (b=2 and c=3)", "t where a = 1 and (b = 2 and c = 3)"),
      ("t where not (a=1 and b=2)", "t where not (a = 1 and b = 2)"),
      ("t where not (a=1 or b=2)", "t where not (a = 1 or b = 2)"),
      ("t where (not a=1) and b=2", "t where not a = 1 and b = 2"),
      ("t where not (not (a=1))", "t where not not a = 1"),
      ("t where ((((a=1))))", "t where a = 1"),
      ("t where not (s in (A)) or (s not in (B))", "t where not s in (A) or s not in (B)"),
    ])
  func parentheses(source: String, expected: String) throws {
    #expect(try formatted(source) == expected)
  }

  @Test(
    "literals keep their kind; quotes only where needed",
    arguments: [
      (#"echo 'a b' "it's" "" $1 -24h null '42' 42"#, #"echo 'a b' "it's" '' $1 -24h null '42' 42"#),
      (##"echo "plain" 'a|b' "#x" a#b"##, ##"echo 'plain' 'a|b' '#x' a#b"##),
      (#"select 'where' and or not in "#, #"select 'where' and or not in"#),
      (#"t where a = where or b = "and""#, #"t where a = where or b = 'and'"#),
      (#"echo "say \"hi\"" "back\\slash" "it's\ta""#, #"echo 'say "hi"' 'back\slash' "it's\ta""#),
      ("echo \"two\\nlines\" 'tab\tin single'", "echo \"two\\nlines\" 'tab\tin single'"),
      (#"echo "a\b" 'c\d'"#, #"echo 'ab' 'c\d'"#),
      ("echo größe 日本語 '✓ ok'", "echo größe 日本語 '✓ ok'"),
      ("t where TaskResult.ExitCode != 0", "t where TaskResult.ExitCode != 0"),
    ])
  func literals(source: String, expected: String) throws {
    #expect(try formatted(source) == expected)
  }

  @Test(
    "statements",
    arguments: [
      ("EXPLAIN invocations|tasks", "explain invocations | tasks"),
      ("LET failed=invocations where status=FAILED", "let failed = invocations where status = FAILED"),
      ("let $failed = a", "let failed = a"),
      ("let $where = a", "let $where = a"),
      ("let $$x = a", "let $$x = a"),
      // Found by the fuzzer: written bare, the name would start a comment.
      ("let $# = a", "let $# = a"),
      (
        "def  recent since=invocations since $since|tasks",
        "def recent since = invocations since $since | tasks"
      ),
      ("def f=a", "def f = a"),
      ("set format   csv", "set format csv"),
      ("echo", "echo"),
      ("exit", "exit"),
      ("exit 3", "exit 3"),
      ("source \"my script.tsh\"", "source 'my script.tsh'"),
      ("help", "help"),
      ("HELP where", "help where"),
      ("help  fields   tasks", "help fields tasks"),
      ("explain let", "explain let"),
    ])
  func statements(source: String, expected: String) throws {
    #expect(try formatted(source) == expected)
  }

  @Test("one statement a line; blank lines, comments and ';' go")
  func program() throws {
    let source = "a ;b\n\n# a comment\n  c |\n  d # trailing\n;;"
    #expect(try formatted(source) == "a\nb\nc | d")
    #expect(try formatted("") == "")
    #expect(try formatted("# only a comment\n") == "")
  }

  @Test("a bare literal the parser could not read bare is quoted")
  func unreadableBareLiterals() {
    let here = SourceRange(0, 0)
    func bare(_ text: String) -> Literal { Literal(text: text, kind: .bare, range: here) }
    let stage = Stage(
      name: Name(text: "select", range: here),
      arguments: [bare("where"), bare("WHERE"), bare("a b"), bare("")],
      condition: nil, range: here)
    #expect(Formatter.format(stage) == "select 'where' 'WHERE' 'a b' ''")
    #expect(
      Formatter.format(Statement.echo([bare("#x"), bare("x=1"), bare("it's")], range: here))
        == #"echo '#x' 'x=1' "it's""#)
  }

  @Test(
    "formatting formatted text changes nothing",
    arguments: [
      "invocations   where STATUS=FAILED|tasks",
      "t where (a=1 or b=2) and not (c in (x, 'y z') or d not in (\"q'\"))",
      "let x = a | b\nexplain $x | where y=1;echo 'a' b \"c\\\"d\"",
    ])
  func idempotent(source: String) throws {
    let once = try formatted(source)
    #expect(try formatted(once) == once)
  }
}

// MARK: - Property test

/// SplitMix64: small, fast and the same on every platform, so a failing
/// case can be replayed from its seed.
private struct SplitMix64: RandomNumberGenerator {
  var state: UInt64

  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// Builds random programs of the shape the parser produces, with every
/// range at 0..<0.
private struct ProgramGenerator {
  var random: SplitMix64
  let here = SourceRange(0, 0)

  /// Words that `where`, `and`, `or`, `not` and `in` take as keywords
  /// wherever a keyword may stand; the parser refuses them as field names
  /// and as names after `let` and `def`.
  static let reserved = ["where", "and", "or", "not", "in"]
  /// Words that start a statement when they come first on a line, so a
  /// statement that is a bare pipeline cannot start with a stage of that
  /// name.
  static let statementKeywords = ["explain", "let", "def", "set", "echo", "exit", "source", "help", "watch"]
  static let keywords = reserved + statementKeywords

  /// Names as they are written: ids, dotted fields, `$` variables,
  /// script arguments, letters beyond ASCII.
  static let names = [
    "invocations", "tasks", "decode", "status", "STATUS", "TaskResult.ExitCode", "command-id",
    "cmd-9dxzty3m", "inv-q4zp60g0", "select", "sort", "uniq", "a", "x1", "_f", "a/b", "c:d", "$x",
    "$1", "$failed", "größe", "日本", "naïve", "e\u{301}", "a#b", "null", "42", "-24h",
  ]

  /// Bare values: any word, keywords included, in any case.
  static let bareWords =
    names + keywords + [
      "WHERE", "And", "OR", "Not", "IN", "Explain", "0", "-1", "3.14", "1e9", "2026-11-29T01:47:37Z",
      "-", ".", "/", ":", "$", "$$x", "true", "FAILED", "ok✓", "🙂",
    ]

  /// Quoted values: anything at all.
  static let tricky = [
    "", " ", "a b", "it's", "\"quoted\"", "both ' and \"", "a|b", "|", "#", "#x", "x # y", "=", "a=b",
    "!=", "!", "<>", "~", "(", ")", "(a, b)", ",", ";", "back\\slash", "\\", "\\n", "line\nbreak", "\n",
    "tab\there", "\t", "\r", "cr\r\nlf", "日本語", "größe", "e\u{301}", "\u{E9}", "🙂 ok", "\u{00A0}",
    "\u{2028}", "where", "and", "NOT", "in", "let", "explain", "null", "42", "-24h", "cmd-9dxzty3m",
    "TaskResult.ExitCode", "$1", "$x", "  padded  ",
  ]

  static let alphabet = Array("abcdefgXYZ0123456789-._:/$éß日🙂")
  static let anything = Array("ab Z9-_.:/$'\"\\|#=!<>~(),;\n\t é日🙂")

  init(seed: UInt64) { random = SplitMix64(seed: seed) }

  mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &random) }
  mutating func chance(_ percent: Int) -> Bool { int(1...100) <= percent }
  mutating func pick<T>(_ items: [T]) -> T { items[int(0...items.count - 1)] }

  /// A random word made of letters, digits and the punctuation bare words
  /// may hold; never a keyword, never starting with `#` (a comment).
  mutating func randomWord() -> String {
    while true {
      let word = String((0..<int(1...8)).map { _ in pick(Self.alphabet) })
      if !Self.keywords.contains(word.lowercased()) { return word }
    }
  }

  /// A name that is a word and no keyword: for stage, field, variable and
  /// `def` names.
  mutating func name() -> String {
    chance(50) ? pick(Self.names) : randomWord()
  }

  /// Any word at all, for the places that take one whatever it says
  /// (`set` and `help` names, `def` parameters, bare values).
  mutating func anyWord() -> String {
    switch int(1...3) {
    case 1: pick(Self.bareWords)
    case 2: pick(Self.keywords)
    default: randomWord()
    }
  }

  mutating func makeName(_ text: String) -> Name { Name(text: text, range: here) }

  /// A bare or quoted literal. `allowsWhere` is false for stage arguments,
  /// where a bare `where` (in any case) ends the arguments.
  mutating func literal(allowsWhere: Bool = true) -> Literal {
    if chance(50) {
      while true {
        let word = anyWord()
        if allowsWhere || word.lowercased() != "where" {
          return Literal(text: word, kind: .bare, range: here)
        }
      }
    }
    let text =
      chance(60) ? pick(Self.tricky) : String((0..<int(0...10)).map { _ in pick(Self.anything) })
    return Literal(text: text, kind: .quoted, range: here)
  }

  mutating func expression(depth: Int) -> Expression {
    if depth == 0 || chance(30) {
      // Field names are words the parser does not refuse as fields.
      let field = makeName(name())
      if chance(25) {
        let values = (0..<int(1...4)).map { _ in literal() }
        return .membership(field: field, values: values, isNegated: chance(50), range: here)
      }
      let comparator = pick(ComparisonOperator.allCases)
      return .comparison(Comparison(field: field, comparator: comparator, value: literal()))
    }
    switch int(1...3) {
    case 1: return .not(expression(depth: depth - 1), range: here)
    case 2: return .and(expression(depth: depth - 1), expression(depth: depth - 1))
    default: return .or(expression(depth: depth - 1), expression(depth: depth - 1))
    }
  }

  /// A stage. The first stage of a statement that is a bare pipeline may
  /// not be named after a statement keyword (`help` would be the
  /// statement); no stage but a `where` stage may be named `where`.
  mutating func stage(first: Bool, bare: Bool) -> Stage {
    if chance(20) {
      // `| where …`. The parser accepts `WHERE` too; the formatter writes
      // the keyword in lower case, so that is what the generator makes.
      return Stage(
        name: makeName("where"), arguments: [], condition: expression(depth: int(0...4)), range: here)
    }
    var stageName: String
    repeat {
      // Other stage names are any word: `and`, `or`, `not` and `in` are
      // keywords only inside a condition.
      stageName = chance(85) ? name() : anyWord()
    } while stageName.lowercased() == "where"
      || (first && bare && Self.statementKeywords.contains(stageName.lowercased()))
    let arguments = (0..<int(0...4)).map { _ in literal(allowsWhere: false) }
    let condition = chance(40) ? expression(depth: int(0...4)) : nil
    return Stage(name: makeName(stageName), arguments: arguments, condition: condition, range: here)
  }

  mutating func pipeline(bare: Bool = false) -> Pipeline {
    let stages = (0..<int(1...5)).map { index in stage(first: index == 0, bare: bare) }
    return Pipeline(stages: stages, range: here)
  }

  mutating func statement() -> Statement {
    switch int(1...9) {
    case 1, 2: return .run(pipeline(bare: true))
    case 3: return .explain(pipeline(), range: here)
    // After `let` any name will do: the formatter writes `$where` for a
    // reserved name and `$$x` for `$x`, and the parser drops one `$`.
    case 4: return .assign(makeName(chance(80) ? name() : anyWord()), pipeline(), range: here)
    case 5: return .set(makeName(anyWord()), literal(), range: here)
    case 6: return .echo((0..<int(0...5)).map { _ in literal() }, range: here)
    case 7: return .exit(chance(30) ? nil : literal(), range: here)
    case 8:
      // The parser refuses a reserved word as the name after `def` (and
      // has no `$` escape there), but takes any word as a parameter.
      let parameters = (0..<int(0...3)).map { _ in makeName(chance(80) ? name() : anyWord()) }
      return .define(makeName(name()), parameters: parameters, pipeline(), range: here)
    default:
      if chance(30) { return .watch(literal(), pipeline(), range: here) }
      if chance(50) { return .source(literal(), range: here) }
      let words = chance(30) ? 0 : chance(20) ? 2 : 1
      return .help((0..<words).map { _ in makeName(anyWord()) }, range: here)
    }
  }

  mutating func program() -> Program {
    Program(statements: (0..<int(0...6)).map { _ in statement() })
  }
}

// MARK: - Comparing without ranges

/// The AST with every source range set to 0..<0, so trees parsed from
/// different text compare by structure alone.
private protocol RangeFree {
  var withoutRanges: Self { get }
}

private let nowhere = SourceRange(0, 0)

extension Name: RangeFree {
  fileprivate var withoutRanges: Name { Name(text: text, range: nowhere) }
}

extension Literal: RangeFree {
  fileprivate var withoutRanges: Literal { Literal(text: text, kind: kind, range: nowhere) }
}

extension Expression: RangeFree {
  fileprivate var withoutRanges: Expression {
    switch self {
    case .comparison(let comparison):
      .comparison(
        Comparison(
          field: comparison.field.withoutRanges, comparator: comparison.comparator,
          value: comparison.value.withoutRanges))
    case .membership(let field, let values, let isNegated, _):
      .membership(
        field: field.withoutRanges, values: values.map(\.withoutRanges), isNegated: isNegated, range: nowhere)
    case .not(let operand, _): .not(operand.withoutRanges, range: nowhere)
    case .and(let left, let right): .and(left.withoutRanges, right.withoutRanges)
    case .or(let left, let right): .or(left.withoutRanges, right.withoutRanges)
    }
  }
}

extension Stage: RangeFree {
  fileprivate var withoutRanges: Stage {
    Stage(
      name: name.withoutRanges, arguments: arguments.map(\.withoutRanges),
      condition: condition?.withoutRanges,
      range: nowhere)
  }
}

extension Pipeline: RangeFree {
  fileprivate var withoutRanges: Pipeline { Pipeline(stages: stages.map(\.withoutRanges), range: nowhere) }
}

extension Statement: RangeFree {
  fileprivate var withoutRanges: Statement {
    switch self {
    case .run(let pipeline): .run(pipeline.withoutRanges)
    case .explain(let pipeline, _): .explain(pipeline.withoutRanges, range: nowhere)
    case .assign(let name, let pipeline, _):
      .assign(name.withoutRanges, pipeline.withoutRanges, range: nowhere)
    case .set(let name, let value, _): .set(name.withoutRanges, value.withoutRanges, range: nowhere)
    case .showSettings: .showSettings(range: nowhere)
    case .echo(let words, _): .echo(words.map(\.withoutRanges), range: nowhere)
    case .exit(let status, _): .exit(status?.withoutRanges, range: nowhere)
    case .define(let name, let parameters, let pipeline, _):
      .define(
        name.withoutRanges, parameters: parameters.map(\.withoutRanges), pipeline.withoutRanges,
        range: nowhere)
    case .source(let file, _): .source(file.withoutRanges, range: nowhere)
    case .help(let topic, _): .help(topic.map(\.withoutRanges), range: nowhere)
    case .watch(let interval, let pipeline, _):
      .watch(interval.withoutRanges, pipeline.withoutRanges, range: nowhere)
    }
  }
}

extension Program: RangeFree {
  fileprivate var withoutRanges: Program { Program(statements: statements.map(\.withoutRanges)) }
}

/// The tree as text, Unicode scalar by scalar: `String`'s `==` treats
/// canonically equivalent text as equal, and a round trip must keep the
/// very scalars.
private func scalars(_ program: Program) -> [Unicode.Scalar] {
  Array(String(reflecting: program).unicodeScalars)
}

@Suite("Formatter: round trip")
struct FormatterPropertyTests {
  @Test("parse(format(ast)) == ast and format is idempotent, for 2,500 random programs")
  func roundTrip() {
    let cases = 2_500
    var failures = 0
    for seed in 0..<UInt64(cases) {
      var generator = ProgramGenerator(seed: 0x7A75_6800 &+ seed)
      let program = generator.program()
      let text = Formatter.format(program)
      do {
        let reparsed = try Parser.parse(text).withoutRanges
        let formattedAgain = Formatter.format(reparsed)
        if reparsed != program || scalars(reparsed) != scalars(program) || formattedAgain != text {
          failures += 1
          Issue.record(
            """
            seed \(seed): the round trip changed the program
            text:     \(String(reflecting: text))
            original: \(program)
            reparsed: \(reparsed)
            again:    \(String(reflecting: formattedAgain))
            """)
        }
      } catch {
        failures += 1
        Issue.record(
          """
          seed \(seed): the formatted text does not parse: \(error.rendered(in: text, origin: nil))
          text:     \(String(reflecting: text))
          original: \(program)
          """)
      }
      if failures >= 5 { break }
    }
    #expect(failures == 0)
  }

  @Test("the generator reaches the tricky corners")
  func coverage() {
    var generator = ProgramGenerator(seed: 1)
    var texts: [String] = []
    for _ in 0..<300 { texts.append(Formatter.format(generator.program())) }
    let all = texts.joined(separator: "\n")
    for fragment in [
      " | where ", " not in (", "not (", ") and ", " or (", "let $", "def ", "help", "exit", "source ",
      "''", "\"", "\\n", " != ", " !~ ", " <= ", " >= ", " ~ ", " < ", " > ",
    ] {
      #expect(all.contains(fragment), "no \(String(reflecting: fragment)) in 300 programs")
    }
  }
}
