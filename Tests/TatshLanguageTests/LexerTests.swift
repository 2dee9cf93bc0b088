import Testing

@testable import TatshLanguage

@Suite("Lexer")
struct LexerTests {
  // MARK: Bare words

  @Test("a bare word holds '-', so an id needs no quotes")
  func dashedWords() throws {
    #expect(
      try lex("command-id=cmd-9dxzty3m") == [
        token(.word, "command-id", 0, 10),
        token(.comparison(.equal), "=", 10, 11),
        token(.word, "cmd-9dxzty3m", 11, 23),
        token(.end, "", 23, 23),
      ])
  }

  @Test("a dotted field name is one word")
  func dottedWord() throws {
    #expect(
      try lex("TaskResult.ExitCode") == [
        token(.word, "TaskResult.ExitCode", 0, 19), token(.end, "", 19, 19),
      ])
  }

  @Test("a bare word holds ':' and '/' (times and paths)")
  func colonsAndSlashes() throws {
    #expect(
      try lex("created>=2024-01-01T00:00:00Z") == [
        token(.word, "created", 0, 7),
        token(.comparison(.greaterOrEqual), ">=", 7, 9),
        token(.word, "2024-01-01T00:00:00Z", 9, 29),
        token(.end, "", 29, 29),
      ])
    #expect(
      try lex("open ./data/tasks.jsonl") == [
        token(.word, "open", 0, 4),
        token(.word, "./data/tasks.jsonl", 5, 23),
        token(.end, "", 23, 23),
      ])
  }

  @Test("a relative time, a variable and a number are words")
  func otherWords() throws {
    #expect(
      try lex("created>-24h $name $1 42").map(\.kind) == [
        .word, .comparison(.greater), .word, .word, .word, .word, .end,
      ])
    #expect(try lex("created>-24h").map(\.text) == ["created", ">", "-24h", ""])
    #expect(try lex("$name $1 42").map(\.text) == ["$name", "$1", "42", ""])
  }

  @Test("punctuation ends a word even without spaces")
  func punctuationSplitsWords() throws {
    #expect(
      try lex("a|b;c,d(e)") == [
        token(.word, "a", 0, 1),
        token(.pipe, "|", 1, 2),
        token(.word, "b", 2, 3),
        token(.semicolon, ";", 3, 4),
        token(.word, "c", 4, 5),
        token(.comma, ",", 5, 6),
        token(.word, "d", 6, 7),
        token(.leftParenthesis, "(", 7, 8),
        token(.word, "e", 8, 9),
        token(.rightParenthesis, ")", 9, 10),
        token(.end, "", 10, 10),
      ])
  }

  @Test("spaces and tabs separate tokens and are not tokens")
  func whitespace() throws {
    #expect(
      try lex("  invocations \t tasks  ") == [
        token(.word, "invocations", 2, 13),
        token(.word, "tasks", 16, 21),
        token(.end, "", 23, 23),
      ])
  }

  @Test("ranges count Unicode scalars, whatever their size in UTF-8")
  func rangesCountScalars() throws {
    #expect(
      try lex("é日🙂=\"ü\\\"ß\" | x\u{2003}y") == [
        token(.word, "é日🙂", 0, 3),
        token(.comparison(.equal), "=", 3, 4),
        token(.string, "ü\"ß", 4, 10),
        token(.pipe, "|", 11, 12),
        token(.word, "x", 13, 14),
        token(.word, "y", 15, 16),
        token(.end, "", 16, 16),
      ])
  }

  @Test("an empty source is just the end")
  func emptySource() throws {
    #expect(try lex("") == [token(.end, "", 0, 0)])
  }

  // MARK: Operators

  @Test(
    "every comparison operator, with and without spaces",
    arguments: [
      ("=", ComparisonOperator.equal),
      ("==", .equal),
      ("!=", .notEqual),
      ("<", .less),
      ("<=", .lessOrEqual),
      (">", .greater),
      (">=", .greaterOrEqual),
      ("~", .matches),
      ("!~", .doesNotMatch),
    ])
  func comparisonOperator(spelling: String, comparator: ComparisonOperator) throws {
    let width = spelling.unicodeScalars.count
    #expect(
      try lex("a\(spelling)b") == [
        token(.word, "a", 0, 1),
        token(.comparison(comparator), spelling, 1, 1 + width),
        token(.word, "b", 1 + width, 2 + width),
        token(.end, "", 2 + width, 2 + width),
      ])
    #expect(
      try lex("a \(spelling) b") == [
        token(.word, "a", 0, 1),
        token(.comparison(comparator), spelling, 2, 2 + width),
        token(.word, "b", 3 + width, 4 + width),
        token(.end, "", 4 + width, 4 + width),
      ])
  }

  @Test("a lone '!' is an error pointing at it")
  func loneBang() throws {
    let error = try #require(lexError("status ! FAILED"))
    #expect(error.range == SourceRange(7, 8))
    #expect(error.message.contains("'!='"))
    #expect(error.message.contains("'!~'"))

    let glued = try #require(lexError("status!FAILED"))
    #expect(glued.range == SourceRange(6, 7))

    let atEnd = try #require(lexError("status!"))
    #expect(atEnd.range == SourceRange(6, 7))
  }

  // MARK: Strings

  @Test("a double-quoted string understands \\n, \\t, \\\" and \\\\")
  func doubleQuotedEscapes() throws {
    let source = #"output="a\nb\tc\"d\\e""#
    let tokens = try lex(source)
    #expect(tokens.count == 4)
    #expect(tokens[2].kind == .string)
    #expect(tokens[2].text == "a\nb\tc\"d\\e")
    #expect(tokens[2].range == SourceRange(7, source.unicodeScalars.count))
  }

  @Test("a single-quoted string takes backslashes literally")
  func singleQuotedHasNoEscapes() throws {
    let source = #"output='a\nb\tc'"#
    let tokens = try lex(source)
    #expect(tokens.count == 4)
    #expect(tokens[2] == token(.string, #"a\nb\tc"#, 7, 16))
  }

  @Test("each kind of quote may hold the other")
  func quotesInsideQuotes() throws {
    #expect(
      try lex(#"'say "hi"'"#) == [token(.string, #"say "hi""#, 0, 10), token(.end, "", 10, 10)])
    #expect(try lex(#""it's""#) == [token(.string, "it's", 0, 6), token(.end, "", 6, 6)])
  }

  @Test("inside quotes, spaces, punctuation and '#' are text")
  func quotedPunctuation() throws {
    #expect(
      try lex(#"save "my report | x; (a, b) # not a comment" tail"#) == [
        token(.word, "save", 0, 4),
        token(.string, "my report | x; (a, b) # not a comment", 5, 44),
        token(.word, "tail", 45, 49),
        token(.end, "", 49, 49),
      ])
  }

  @Test("an empty string is a string token with empty text")
  func emptyString() throws {
    #expect(
      try lex(#"a="""#) == [
        token(.word, "a", 0, 1), token(.comparison(.equal), "=", 1, 2), token(.string, "", 2, 4),
        token(.end, "", 4, 4),
      ])
    #expect(try lex("''") == [token(.string, "", 0, 2), token(.end, "", 2, 2)])
  }

  @Test(
    "an unterminated string is an error pointing at its opening quote",
    arguments: [
      (#"invocations where output="abc"#, 25),
      ("invocations where output='abc", 25),
      (#"invocations where output="abc\""#, 25),  // the escaped quote does not close it
      ("a='b\nc", 2),
      (#"""#, 0),
    ])
  func unterminatedString(source: String, quote: Int) throws {
    let error = try #require(lexError(source))
    #expect(error.range == SourceRange(quote, quote + 1))
    #expect(error.message.contains("unterminated"))
  }

  // MARK: Comments, newlines, semicolons

  @Test("'#' comments out the rest of the line but not the newline")
  func comments() throws {
    #expect(
      try lex("invocations # all of them | tasks\ntasks") == [
        token(.word, "invocations", 0, 11),
        token(.newline, "\n", 33, 34),
        token(.word, "tasks", 34, 39),
        token(.end, "", 39, 39),
      ])
    #expect(try lex("# only a comment") == [token(.end, "", 16, 16)])
    #expect(try lex("#a\n#b\n").map(\.kind) == [.newline, .newline, .end])
  }

  @Test("'#' inside a word does not start a comment")
  func hashInsideWord() throws {
    #expect(
      try lex("a#b c") == [
        token(.word, "a#b", 0, 3), token(.word, "c", 4, 5), token(.end, "", 5, 5),
      ])
  }

  @Test("newlines and ';' are tokens")
  func newlinesAndSemicolons() throws {
    #expect(
      try lex("a;b\nc\n\nd") == [
        token(.word, "a", 0, 1),
        token(.semicolon, ";", 1, 2),
        token(.word, "b", 2, 3),
        token(.newline, "\n", 3, 4),
        token(.word, "c", 4, 5),
        token(.newline, "\n", 5, 6),
        token(.newline, "\n", 6, 7),
        token(.word, "d", 7, 8),
        token(.end, "", 8, 8),
      ])
  }

  @Test("a CRLF line ending is one newline token")
  func crlf() throws {
    #expect(try lex("a\r\nb").map(\.kind) == [.word, .newline, .word, .end])
    #expect(try lex("a\r\nb")[1].range == SourceRange(2, 3))
  }

  // MARK: Ranges in Unicode scalars

  @Test("ranges count Unicode scalars after a precomposed 'é'")
  func rangesAfterPrecomposedAccent() throws {
    let source = "caf\u{E9} | tasks"
    #expect(
      try lex(source) == [
        token(.word, "caf\u{E9}", 0, 4),
        token(.pipe, "|", 5, 6),
        token(.word, "tasks", 7, 12),
        token(.end, "", 12, 12),
      ])
  }

  @Test("ranges count Unicode scalars, not characters, after a decomposed 'é'")
  func rangesAfterDecomposedAccent() throws {
    let source = "cafe\u{301} | tasks"
    let tokens = try lex(source)
    #expect(
      tokens.map(\.range) == [
        SourceRange(0, 5), SourceRange(6, 7), SourceRange(8, 13), SourceRange(13, 13),
      ])
  }

  @Test(
    "ranges count Unicode scalars, not UTF-8 bytes or UTF-16 units, after an emoji and in strings")
  func rangesAfterWideScalars() throws {
    let source = "name=\"\u{E9}t\u{E9} \u{1F600}\" x"
    let tokens = try lex(source)
    #expect(
      tokens == [
        token(.word, "name", 0, 4),
        token(.comparison(.equal), "=", 4, 5),
        token(.string, "\u{E9}t\u{E9} \u{1F600}", 5, 12),
        token(.word, "x", 13, 14),
        token(.end, "", 14, 14),
      ])
    #expect(tokens[3].range.text(in: source) == "x")
  }
}

@Suite struct LineBoundaryTests {
  @Test func aQuoteMaySpanLinesAndAnUnclosedOneIsReportedWhereItOpens() throws {
    let tokens = try lex("echo \"two\nlines\"")
    #expect(tokens[1] == token(.string, "two\nlines", 5, 16))
    let source = "invocations where name=\"abc\ncommands where x=y"
    let error = try #require(lexError(source))
    #expect(error.message.contains("unterminated"))
    #expect(error.range == SourceRange(23, 24))
  }

  @Test func aBackslashDoesNotContinueALine() throws {
    let error = try #require(parseError("invocations where status=FAILED \\\n| tasks"))
    #expect(error.message.contains("found '\\'"))
  }
}
