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
    #expect(
      huge.standardError.contains("the number 1e400 is beyond what a double holds"), "\(huge.standardError)")
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
    #expect(
      failing.standardError.contains("each: the command for inv-1 exited with status 3"),
      "\(failing.standardError)")
  }

  /// Waits until `file` holds `text`, while `process` runs; true if it did.
  func appears(_ text: String, in file: URL, while process: Process, within seconds: Double) -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline, process.isRunning {
      if ((try? String(contentsOf: file, encoding: .utf8)) ?? "").contains(text) { return true }
      usleep(50_000)
    }
    return false
  }

  /// Issue 22, item 4: records reach the output as they come, from a plugin and from standard input.
  @Test func recordsAreWrittenAsTheyArrive() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let folder = tatsh.folder.appendingPathComponent("plugins")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let plugin = folder.appendingPathComponent("tatsh-slow").path
    try """
    #!/bin/sh
    if [ "$1" = --tatsh-describe ]; then echo '{"name":"slow","summary":"s","emits":"records"}'; exit 0; fi
    cat >/dev/null; echo '{"n":1}'; sleep 4; echo '{"n":2}'
    """.write(toFile: plugin, atomically: true, encoding: .utf8)
    chmod(plugin, 0o755)
    let output = tatsh.folder.appendingPathComponent("out")
    let errors = tatsh.folder.appendingPathComponent("err")
    let viaPlugin = try tatsh.start(
      ["-c", "invocations | first 1 | slow | jsonl"], errorFile: errors, outputFile: output,
      environment: ["TATSH_PLUGIN_PATH": folder.path])
    #expect(
      appears("{\"n\":1}", in: output, while: viaPlugin, within: 3), "the first record waited for the last")
    viaPlugin.waitUntilExit()
    #expect((try? String(contentsOf: output, encoding: .utf8)) == "{\"n\":1}\n{\"n\":2}\n")

    let shell = Process()
    shell.executableURL = URL(fileURLWithPath: "/bin/sh")
    shell.arguments = [
      "-c",
      "(echo '{\"n\":1}'; sleep 4; echo '{\"n\":2}') | '\(TatshBinary.url.path)' -c 'from json | where n > 0 | jsonl' > '\(output.path)'",
    ]
    shell.environment = tatsh.environment()
    try shell.run()
    #expect(
      appears("{\"n\":1}", in: output, while: shell, within: 3), "from json waited for the end of its input")
    shell.waitUntilExit()
    #expect((try? String(contentsOf: output, encoding: .utf8)) == "{\"n\":1}\n{\"n\":2}\n")
  }
}
