import Foundation
import TatshTestSupport
import Testing

/// Scripts and plugins, second round (issue 22): what was silently wrong or
/// unclear, through the real binary. Each test failed on the code before.
@Suite struct ScriptsAndPluginsTests {
  @Test func jsonThatCouldBeReadTwoWaysIsRefused() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let twice = try tatsh.run(["-c", "from json | count"], input: "{\"a\":1}\n{\"b\":1,\"b\":2}\n")
    #expect(twice.status == 2)
    #expect(
      twice.standardError.contains("<stdin>:2: malformed JSON: the key \"b\" is given twice in one object"),
      "\(twice.standardError)")
    let huge = try tatsh.run(["-c", "from json | count"], input: "{\"a\":1e400}\n")
    #expect(huge.status == 2)
    #expect(huge.standardError.contains("the number 1e400 is beyond what a double holds"), "\(huge.standardError)")
  }

  @Test func eachGivesObjectsListsAndNullAsJSONAndNamesTheRecordThatFailed() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let values = try tatsh.run(
      [
        "-c",
        #"from json | each 'printf "%s|%s|%s|%s\n" "$TATSH_nested" "$TATSH_list" "$TATSH_none" "$TATSH_n"'"#,
      ], input: #"{"nested":{"a":[1,"x"]},"list":[true,null],"none":null,"n":2.5}"# + "\n")
    #expect(values.status == 0, "\(values.standardError)")
    #expect(values.standardOutput == #"{"a":[1,"x"]}|[true,null]|null|2.5"# + "\n")
    let failing = try tatsh.run(
      ["-c", "from json | each --keep-going 'exit 3'"], input: "{\"a\":1}\n{\"InvocationId\":\"inv-1\"}\n")
    #expect(failing.status == 1)
    #expect(failing.standardError.contains("each: the command for record 1 exited with status 3"))
    #expect(failing.standardError.contains("each: the command for inv-1 exited with status 3"), "\(failing.standardError)")
  }
}
