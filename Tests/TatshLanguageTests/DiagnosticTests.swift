import Testing

@testable import TatshLanguage

@Suite("Diagnostic rendering")
struct DiagnosticTests {
  @Test("origin:line:column, the source line, carets under the range, the suggestion")
  func renderedWithOriginAndSuggestion() {
    let source = "invocations where stauts=FAILED"
    let diagnostic = Diagnostic(
      "unknown field 'stauts'", at: SourceRange(18, 24), suggestion: "status")
    let expected = """
      -c:1:19: error: unknown field 'stauts'
        invocations where stauts=FAILED
                          ^^^^^^
        did you mean 'status'?
      """
    #expect(diagnostic.rendered(in: source, origin: "-c") == expected)
  }

  @Test("without an origin, the first line names the column alone")
  func renderedWithoutOrigin() {
    let source = "invocations where stauts=FAILED"
    let diagnostic = Diagnostic("unknown field 'stauts'", at: SourceRange(18, 24))
    let expected = """
      error at column 19: unknown field 'stauts'
        invocations where stauts=FAILED
                          ^^^^^^
      """
    #expect(diagnostic.rendered(in: source, origin: nil) == expected)
  }

  @Test("on line 3 of a script, the line number counts lines and the column restarts")
  func renderedOnLaterLine() {
    let source = "invocations\n\ncommands where x=1 | tasks | bogus\ndecode\n"
    let diagnostic = Diagnostic(
      "unknown stage 'bogus'", at: SourceRange(42, 47), suggestion: "decode")
    let expected = """
      report.tatsh:3:30: error: unknown stage 'bogus'
        commands where x=1 | tasks | bogus
                                     ^^^^^
        did you mean 'decode'?
      """
    #expect(diagnostic.rendered(in: source, origin: "report.tatsh") == expected)
  }

  @Test("the first line of a multi-line source is line 1")
  func renderedOnFirstLineOfSeveral() {
    let source = "bogus\ninvocations"
    let diagnostic = Diagnostic("unknown stage", at: SourceRange(0, 5))
    #expect(
      diagnostic.rendered(in: source, origin: "s")
        == """
        s:1:1: error: unknown stage
          bogus
          ^^^^^
        """)
  }

  @Test("an empty range at the end of the input gets one caret after the last character")
  func renderedAtEndOfInput() {
    let source = "invocations where status="
    let diagnostic = Diagnostic("expected a value", at: SourceRange(25, 25))
    #expect(
      diagnostic.rendered(in: source, origin: "-c")
        == """
        -c:1:26: error: expected a value
          invocations where status=
                                   ^
        """)
  }

  @Test("a range on the newline shows its own line only, with one caret after it")
  func renderedAtNewline() {
    let source = "invocations where status=\ntasks"
    let diagnostic = Diagnostic("expected a value", at: SourceRange(25, 26))
    #expect(
      diagnostic.rendered(in: source, origin: "-c")
        == """
        -c:1:26: error: expected a value
          invocations where status=
                                   ^
        """)
  }

  @Test("a range that runs past the end of its line is cut at the line's end")
  func renderedMultiLineRange() {
    let source = "invocations |\n  tasks"
    let diagnostic = Diagnostic("pipeline", at: SourceRange(0, 21))
    #expect(
      diagnostic.rendered(in: source, origin: "-c")
        == """
        -c:1:1: error: pipeline
          invocations |
          ^^^^^^^^^^^^^
        """)
  }

  @Test("a tab in the line is shown as a space so the carets stay aligned")
  func renderedWithTab() {
    let source = "invocations\twhere stauts=FAILED"
    let diagnostic = Diagnostic("unknown field", at: SourceRange(18, 24))
    #expect(
      diagnostic.rendered(in: source, origin: nil)
        == """
        error at column 19: unknown field
          invocations where stauts=FAILED
                            ^^^^^^
        """)
  }

  @Test("columns count Unicode scalars, so a multi-byte character before the error counts once")
  func renderedAfterMultiByteCharacter() {
    let source = "invocations where name=caf\u{E9} | bogus"
    let diagnostic = Diagnostic("unknown stage 'bogus'", at: SourceRange(30, 35))
    #expect(diagnostic.range.text(in: source) == "bogus")
    #expect(
      diagnostic.rendered(in: source, origin: "-c")
        == """
        -c:1:31: error: unknown stage 'bogus'
          invocations where name=caf\u{E9} | bogus
                                        ^^^^^
        """)
  }

  @Test("a parser error renders with its place")
  func renderedParserError() throws {
    let source = "invocations where status=FAILED |\n  tasks where exit 1"
    let diagnostic = try #require(parseError(source))
    let rendered = diagnostic.rendered(in: source, origin: "job.tatsh")
    let lines = rendered.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines.count == 3)
    #expect(lines[0].hasPrefix("job.tatsh:2:20: error: expected an operator"))
    #expect(lines[1] == "    tasks where exit 1")
    #expect(lines[2] == "                     ^")
  }

  @Test("description is the message")
  func description() {
    let diagnostic = Diagnostic("expected a value", at: SourceRange(0, 1), suggestion: "x")
    #expect(diagnostic.description == "expected a value")
    #expect("\(diagnostic)" == "expected a value")
  }
}
