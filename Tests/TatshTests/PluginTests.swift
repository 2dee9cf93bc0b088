import Foundation
import TatshTestSupport
import Testing

/// Plugins through the real binary: handshake, both directions, volume,
/// and plugins that crash, write garbage or never read.
@Suite struct PluginTests {
  /// A folder of plugins written for one test.
  func plugins(_ scripts: [String: String], in tatsh: TatshBinary) throws -> [String: String] {
    let folder = tatsh.folder.appendingPathComponent("plugins-\(UUID().uuidString.prefix(6))")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    for (name, body) in scripts {
      let path = folder.appendingPathComponent("tatsh-\(name)").path
      try ("#!/bin/sh\n" + body).write(toFile: path, atomically: true, encoding: .utf8)
      _ = chmod(path, 0o755)
    }
    return ["TATSH_PLUGIN_PATH": folder.path]
  }

  func describe(_ name: String, emits: String = "records", extra: String = "") -> String {
    """
    if [ "$1" = --tatsh-describe ]; then
      echo '{"name":"\(name)","summary":"a test plugin","usage":"\(name)","emits":"\(emits)"\(extra)}'; exit 0
    fi

    """
  }

  /// Issue 22, item 2: a plugin that says it passes records through keeps their kind.
  @Test func aPluginThatKeepsTheKindKeepsAliasesAndValues() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let environment = try plugins(
      [
        "same": describe("same", extra: #","kind":"same""#) + "exec cat\n",
        "astasks": describe("astasks", extra: #","kind":"tasks""#) + "exec cat\n",
        "unknown": describe("unknown") + "exec cat\n",
        "odd": describe("odd", extra: #","kind":"hosts""#) + "exec cat\n",
      ], in: tatsh)
    let selected = try tatsh.run(
      ["-c", "invocations | first 1 | same | select id"], environment: environment)
    #expect(selected.standardOutput.hasPrefix("{\"InvocationId\":"), "\(selected.standardOutput)")
    let direct = try tatsh.run(["-c", "invocations where status=success | count"], environment: environment)
    let through = try tatsh.run(
      ["-c", "invocations | same | where status=success | count"], environment: environment)
    #expect(through.standardOutput == direct.standardOutput, "\(through.standardError)")
    #expect(direct.standardOutput != "{\"count\":0}\n")
    let misspelt = try tatsh.run(
      ["-c", "invocations | same | where status=SUCESS"], environment: environment)
    #expect(misspelt.status == 2)
    #expect(misspelt.standardError.contains("did you mean 'SUCCESS'?"), "\(misspelt.standardError)")
    let tasks = try tatsh.run(
      ["-c", "invocations inv-q4zp60g0 | tasks | astasks | select exit"], environment: environment)
    let directTasks = try tatsh.run(
      ["-c", "invocations inv-q4zp60g0 | tasks | select exit"], environment: environment)
    #expect(tasks.standardOutput == directTasks.standardOutput, "\(tasks.standardError)")
    // Without a kind, nothing is assumed, as before.
    let unknown = try tatsh.run(
      ["-c", "invocations | first 1 | unknown | select id"], environment: environment)
    #expect(unknown.standardOutput.hasPrefix("{\"id\":"), "\(unknown.standardOutput)")
    let odd = try tatsh.run(["-c", "invocations | odd"], environment: environment)
    #expect(odd.status == 2)
    #expect(
      odd.standardError.contains(
        "names the kind 'hosts', which is not one of same, invocations, tasks, commands"))
  }

  /// Issue 22, item 3: a text plugin's lines are records `{"line": …}` for the stages after it.
  @Test func aTextPluginsLinesFlowOnAsRecords() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let environment = try plugins(
      ["brief": describe("brief", emits: "text") + "while read -r line; do echo \"one: ${#line}\"; done\n"],
      in: tatsh)
    let counted = try tatsh.run(["-c", "invocations | first 3 | brief | count"], environment: environment)
    #expect(counted.status == 0, "\(counted.standardError)")
    #expect(counted.standardOutput == "{\"count\":3}\n")
    let filtered = try tatsh.run(
      ["-c", "invocations | first 3 | brief | where line ~ '^one' | json"], environment: environment)
    #expect(filtered.standardOutput.hasPrefix("[\n  {\n    \"line\": \"one: "), "\(filtered.standardOutput)")
    let file = tatsh.folder.appendingPathComponent("lines.jsonl").path
    let saved = try tatsh.run(
      ["-c", "invocations | first 2 | brief | save \(file)"], environment: environment)
    #expect(saved.status == 0, "\(saved.standardError)")
    #expect((try? String(contentsOfFile: file, encoding: .utf8))?.split(separator: "\n").count == 2)
    let last = try tatsh.run(["-c", "invocations | first 2 | brief"], environment: environment)
    #expect(
      last.standardOutput.hasPrefix("one: "), "a text plugin last prints its lines: \(last.standardOutput)")
  }

  @Test func recordsGoThroughAPluginBothWays() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let environment = try plugins(
      [
        "passthrough": describe("passthrough") + "exec cat\n",
        "args": describe("args", emits: "text") + "echo \"$@\"\n",
      ],
      in: tatsh)
    let counted = try tatsh.run(
      ["-c", "invocations | passthrough | where status=FAILED | count"], environment: environment)
    let direct = try tatsh.run(["-c", "invocations where status=FAILED | count"], environment: environment)
    #expect(counted.status == 0, "\(counted.standardError)")
    #expect(counted.standardOutput == direct.standardOutput)
    let arguments = try tatsh.run(
      ["-c", "invocations | first 1 | args one 'two words'"], environment: environment)
    #expect(arguments.standardOutput == "one two words\n")
    let help = try tatsh.run(["-c", "help passthrough"], environment: environment)
    #expect(help.standardOutput.contains("a test plugin"))
  }

  @Test func aHundredThousandRecordsStreamWithoutDeadlock() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let environment = try plugins(["passthrough": describe("passthrough") + "exec cat\n"], in: tatsh)
    let file = tatsh.folder.appendingPathComponent("many.jsonl")
    let line =
      "{\"InvocationTaskId\":\"invt-00000000\",\"TaskStatus\":\"FAILED\",\"Pad\":\"\(String(repeating: "x", count: 200))\"}\n"
    try String(repeating: line, count: 100_000).write(to: file, atomically: true, encoding: .utf8)
    let result = try tatsh.run(["-c", "open \(file.path) | passthrough | count"], environment: environment)
    #expect(result.status == 0, "\(result.standardError)")
    #expect(result.standardOutput == "{\"count\":100000}\n")
  }

  @Test func aPluginThatFailsFailsItsStageWithItsStderr() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let environment = try plugins(
      [
        "crash": describe("crash") + "read line; echo 'about to crash' >&2; kill -SEGV $$\n",
        "garbage": describe("garbage") + "echo '{\"ok\":1}'; echo 'this is not json'; cat >/dev/null\n",
        "refuse": describe("refuse") + "echo 'no database configured' >&2; exit 3\n",
      ], in: tatsh)
    let crash = try tatsh.run(["-c", "invocations | crash | count"], environment: environment)
    #expect(crash.status == 1)
    #expect(crash.standardError.contains("stage 'crash' failed: tatsh-crash crashed (signal 11)"))
    #expect(crash.standardError.contains("about to crash"))
    let garbage = try tatsh.run(["-c", "invocations | garbage | count"], environment: environment)
    #expect(garbage.status == 1)
    #expect(garbage.standardError.contains("not a JSON object at line 2 of its output: this is not json"))
    let refuse = try tatsh.run(["-c", "invocations | refuse"], environment: environment)
    #expect(refuse.status == 1)
    #expect(
      refuse.standardError.contains(
        "tatsh-refuse exited with status 3; its stderr ended: no database configured"))
  }

  @Test func aPluginThatNeverReadsItsInputIsFine() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let environment = try plugins(["hello": describe("hello") + "echo '{\"hello\":\"world\"}'\n"], in: tatsh)
    let result = try tatsh.run(["-c", "invocations | tasks | hello"], environment: environment)
    #expect(result.status == 0, "\(result.standardError)")
    #expect(result.standardOutput == "{\"hello\":\"world\"}\n")
  }

  /// tatsh started with descriptor 7 open (as a parent's pipe or socket can
  /// be): neither a plugin nor an `each` command gets it, so nothing they
  /// leave running can keep that parent waiting after tatsh has ended.
  @Test func pluginsAndHooksGetNoDescriptorThatTatshInherited() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let check = #"if [ -e /proc/self/fd/7 ]; then echo inherited; else echo closed; fi"#
    var environment = try plugins(
      ["descriptors": describe("descriptors", emits: "text") + "cat > /dev/null\n\(check)\n"], in: tatsh)
    environment["TATSH"] = TatshBinary.url.path
    let output = tatsh.folder.appendingPathComponent("descriptors.out")
    let errors = tatsh.folder.appendingPathComponent("descriptors.err")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = [
      "-c",
      #"exec 7</dev/null; "$TATSH" -c "invocations | first 2 | descriptors; invocations | first 1 | each '$0'""#,
      check,
    ]
    process.environment = tatsh.environment(environment)
    process.currentDirectoryURL = tatsh.folder
    _ = FileManager.default.createFile(atPath: output.path, contents: nil)
    _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
    process.standardOutput = try FileHandle(forWritingTo: output)
    process.standardError = try FileHandle(forWritingTo: errors)
    try process.run()
    process.waitUntilExit()
    let complaints = try String(contentsOf: errors, encoding: .utf8)
    #expect(process.terminationStatus == 0, "\(complaints)")
    #expect(try String(contentsOf: output, encoding: .utf8) == "closed\nclosed\n")
  }

  @Test func aBrokenPluginIsListedAndUsingItIsAnError() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let environment = try plugins(["mute": "exit 0\n", "decod": describe("decod")], in: tatsh)
    let help = try tatsh.run(["-c", "help"], environment: environment)
    #expect(help.status == 0)
    #expect(help.standardOutput.contains("broken: tatsh-mute --tatsh-describe printed nothing"))
    let use = try tatsh.run(["-c", "invocations | mute"], environment: environment)
    #expect(use.status == 2)
    #expect(use.standardError.contains("the plugin 'mute' is broken"))
  }

  @Test func theExamplePluginsWork() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("plugins").path
    let build = TatshBinary.url.deletingLastPathComponent().path
    let environment = ["TATSH_PLUGIN_PATH": examples + ":" + build]
    let notify = try tatsh.run(
      ["-c", "invocations inv-q4zp60g0 | tasks | notify OK"], environment: environment)
    #expect(notify.standardOutput.hasPrefix("OK SUCCESS invt-kakne8h2 on ins-zj0f57ew (inv-q4zp60g0)\n"))
    let report = try tatsh.run(
      ["-c", "invocations where status=FAILED | tasks | failure-report Failures"], environment: environment)
    #expect(report.status == 0, "\(report.standardError)")
    #expect(report.standardOutput.hasPrefix("# Failures\n"))
    #expect(report.standardOutput.contains("No space left on device"))
    let summary = try tatsh.run(
      ["-c", "invocations where status=FAILED | tasks | summary | sort by failed desc | first 1"],
      environment: environment)
    #expect(summary.status == 0, "\(summary.standardError)")
    #expect(summary.standardOutput.contains("\"failed\":"))
    #expect(summary.standardOutput.contains("\"mostCommonFailure\":"))
  }

  @Test func caretPipesRecordsIntoACommand() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let result = try tatsh.run(["-c", "invocations | select id | ^grep -c inv-"])
    #expect(result.standardOutput == "301\n")
    let missing = try tatsh.run(["-c", "invocations | ^no-such-command"])
    #expect(missing.status == 2)
    #expect(missing.standardError.contains("'no-such-command' is not a command on PATH"))
  }

  @Test func aPluginThatFloodsIsStoppedWhenNothingMoreIsWanted() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let marker = "flood-\(UUID().uuidString.prefix(8))"
    let environment = try plugins(
      ["flood": describe("flood") + "exec yes '{\"flood\":\"\(marker)\"}'\n"], in: tatsh)
    let result = try tatsh.run(["-c", "invocations | flood | first 3 | count"], environment: environment)
    #expect(result.status == 0, "\(result.standardError)")
    #expect(result.standardOutput == "{\"count\":3}\n")
    usleep(200_000)
    #expect(StoreCrashTests.processes(matching: [marker]).isEmpty, "the plugin is still running")
  }

  @Test func anEndlessLineIsRefusedAtSixteenMegabytes() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let environment = try plugins(
      ["endless": describe("endless") + "exec yes aaaaaaaa | tr -d '\\n'\n"], in: tatsh)
    let started = Date()
    let result = try tatsh.run(["-c", "invocations | endless | count"], environment: environment)
    #expect(Date().timeIntervalSince(started) < 30)
    #expect(result.status == 1)
    #expect(
      result.standardError.contains(
        "stage 'endless' failed: tatsh-endless wrote a line longer than 16 MB at line 1 of its output"),
      "\(result.standardError)")
  }

  @Test func aPluginThatHangsIsEndedByThePluginTimeoutOrCtrlC() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let marker = "sleep 3\(Int.random(in: 100...999))"
    let environment = try plugins(["hang": describe("hang") + "\(marker)\n"], in: tatsh)
    let started = Date()
    let timedOut = try tatsh.run(
      ["-c", "set plugin-timeout 1s; invocations | hang | count"], environment: environment)
    #expect(Date().timeIntervalSince(started) < 10)
    #expect(timedOut.status == 1)
    #expect(
      timedOut.standardError.contains(
        "stage 'hang' failed: tatsh-hang timed out after 1s (set plugin-timeout)"),
      "\(timedOut.standardError)")
    let badSetting = try tatsh.run(["-c", "set plugin-timeout soon"])
    #expect(badSetting.status == 2)
    #expect(
      badSetting.standardError.contains("plugin-timeout is a duration such as 30s or 5m, or off, got 'soon'"))

    let errors = tatsh.folder.appendingPathComponent("hang.err")
    let process = Process()
    process.executableURL = TatshBinary.url
    process.arguments = ["-c", "invocations | hang | count"]
    process.environment = tatsh.environment(environment)
    process.standardOutput = FileHandle.nullDevice
    _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
    process.standardError = try FileHandle(forWritingTo: errors)
    try process.run()
    usleep(1_000_000)
    process.interrupt()
    process.waitUntilExit()
    #expect(process.terminationStatus == 130)
    usleep(200_000)
    #expect(StoreCrashTests.processes(matching: [marker]).isEmpty, "the plugin is still running")
  }
}
