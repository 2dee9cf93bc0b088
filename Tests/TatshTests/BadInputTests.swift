import Foundation
import TatshTestSupport
import Testing

/// Bad input through the real binary: each a clear error that names its
/// place, the right exit status, no crash and no stack trace.
@Suite struct BadInputTests {
  struct Case: Sendable, CustomStringConvertible {
    var program: String
    var status: Int32
    var message: String
    var description: String { program }
  }

  static let cases: [Case] = [
    Case(program: "invocatons", status: 2, message: "-c:1:1: error: unknown source 'invocatons'"),
    Case(program: "invocations | decod", status: 2, message: "-c:1:15: error: unknown stage 'decod'"),
    Case(
      program: "invocations where stauts=FAILED", status: 2, message: "-c:1:19: error: unknown field 'stauts'"
    ),
    Case(
      program: "invocations where status=FAILD", status: 2,
      message: "'FAILD' is not a value of InvocationStatus"),
    Case(
      program: "invocations where status === FAILED", status: 2,
      message: "-c:1:28: error: expected a value, found '='"),
    Case(program: "invocations where status ! FAILED", status: 2, message: "expected '!=' or '!~' after '!'"),
    Case(program: "invocations | first abc", status: 2, message: "'first' takes one whole number"),
    Case(program: "invocations where name = 'unterminated", status: 2, message: "unterminated string"),
    Case(program: "invocations where (status=FAILED", status: 2, message: "expected ')'"),
    Case(program: "invocations where status=FAILED)", status: 2, message: "found ')'"),
    Case(program: "tasks where output ~ '(['", status: 2, message: "invalid regular expression"),
    Case(program: "invocations where created > 2026-13-01", status: 2, message: "'2026-13-01' is not a time"),
    Case(
      program: "invocations where created > -9223372036854775807h", status: 2,
      message: "'-9223372036854775807h' is not a time"),
    Case(program: "set plugin-timeout 2562047788015216h", status: 2, message: "plugin-timeout is a duration"),
    Case(program: "open /no/such/file.json", status: 2, message: "cannot open '/no/such/file.json'"),
    Case(
      program: "invocations | save /no/such/folder/x.csv", status: 2,
      message: "the folder /no/such/folder is missing"),
    Case(program: "invocations | sort created", status: 2, message: "'sort' is written 'sort by FIELD"),
    Case(program: "set colur on", status: 2, message: "unknown setting 'colur'"),
    Case(program: "$nothing | count", status: 2, message: "unknown variable '$nothing'"),
    Case(
      program: "invocations inv-NOT-AN-ID", status: 1, message: "InvalidParameterValue.InvalidInvocationId"),
    Case(
      program: "invocations where command-id=cmd-bad", status: 1,
      message: "InvalidParameterValue.InvalidCommandId"),
  ]

  @Test(arguments: cases)
  func badInputIsAClearError(_ example: Case) throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let result = try tatsh.run(["-c", example.program])
    #expect(result.status == example.status, "\(result.standardError)")
    #expect(result.standardError.contains(example.message), "\(result.standardError)")
    #expect(result.standardError.contains("^"), "no caret: \(result.standardError)")
    #expect(!result.standardError.contains("Fatal error"))
    #expect(result.standardOutput.isEmpty)
  }

  @Test func malformedJSONInAFileNamesTheLine() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let file = tatsh.folder.appendingPathComponent("records.jsonl")
    try "{\"a\":1}\n{\"a\":2,}\n".write(to: file, atomically: true, encoding: .utf8)
    let result = try tatsh.run(["-c", "open \(file.path) | count"])
    #expect(result.status == 1)
    #expect(result.standardError.contains("\(file.path):2: malformed JSON"))
  }

  /// Found by FuzzEvaluator: `content` is an alias of a command's `Content`, and
  /// looking it up in a record of unknown kind without that field recursed until
  /// the stack overflowed.
  @Test func anAliasNamedLikeItsFieldIsNullWhereTheFieldIsMissing() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let input =
      #"{"Name":"a"}"# + "\n" + #"{"CommandDocument":{"Content":"ZG9jCg=="}}"# + "\n"
      + #"{"Content":"Y21kCg=="}"# + "\n"
    for (stage, printed) in [
      ("select content", #"{"content":null}"#),
      ("get content", #"{"value":null}"#),
      ("uniq content", #"{"Name":"a"}"#),
    ] {
      let result = try tatsh.run(["-c", "from json | first 1 | \(stage)"], input: input)
      #expect(result.status == 0, "\(stage): \(result.standardError)")
      #expect(result.standardOutput == printed + "\n", "\(stage)")
    }
    let found = try tatsh.run(["-c", "from json | get content | text"], input: input)
    #expect(found.standardOutput == "\nZG9jCg==\nY21kCg==\n", "\(found.standardError)")
  }

  @Test func fromJSONReadsStandardInput() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let input =
      #"{"InvocationTaskId":"invt-aaaaaaaa","TaskStatus":"FAILED"}"# + "\n"
      + #"{"InvocationTaskId":"invt-bbbbbbbb","TaskStatus":"SUCCESS"}"# + "\n"
    let result = try tatsh.run(["-c", "from json | where status=FAILED | get id | text"], input: input)
    #expect(result.status == 0, "\(result.standardError)")
    #expect(result.standardOutput == "invt-aaaaaaaa\n")
  }
}
