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
    #expect(twice.status == 1, "the first record was fine: the mistake is found as the pipeline runs")
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

    // Into a program: what it writes for the first record comes out before the second arrives.
    try Data().write(to: output)
    let piped = Process()
    piped.executableURL = URL(fileURLWithPath: "/bin/sh")
    piped.arguments = [
      "-c",
      "(echo '{\"n\":1}'; sleep 4; echo '{\"n\":2}') | '\(TatshBinary.url.path)' -c 'from json | ^cat' > '\(output.path)'",
    ]
    piped.environment = tatsh.environment()
    try piped.run()
    #expect(
      appears("{\"n\":1}", in: output, while: piped, within: 3), "a program downstream was one record behind")
    piped.waitUntilExit()
    #expect((try? String(contentsOf: output, encoding: .utf8)) == "{\"n\":1}\n{\"n\":2}\n")
  }

  /// A folder with one plugin per entry: each a shell script after its describe.
  func plugins(_ scripts: [String: (describe: String, body: String)], in tatsh: TatshBinary) throws
    -> [String: String]
  {
    let folder = tatsh.folder.appendingPathComponent("plugins-\(UUID().uuidString.prefix(6))")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    for (name, script) in scripts {
      let path = folder.appendingPathComponent("tatsh-\(name)").path
      try """
      #!/bin/sh
      if [ "$1" = --tatsh-describe ]; then echo '\(script.describe)'; exit 0; fi
      \(script.body)
      """.write(toFile: path, atomically: true, encoding: .utf8)
      chmod(path, 0o755)
    }
    return ["TATSH_PLUGIN_PATH": folder.path]
  }

  /// Issue 22, items 7 and 8: a describe that declares arguments, flags and
  /// input is checked before anything runs, and a plugin's own error points
  /// at the argument it names.
  @Test func declaredArgumentsAreCheckedAndAPluginsErrorPointsAtOne() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let describe =
      #"{"protocol":1,"name":"tag","summary":"s","emits":"records","kind":"same","accepts":["invocations"],"#
      + #""arguments":[{"name":"label","required":true},{"name":"field","type":"field"}],"#
      + #""flags":[{"name":"--limit","type":"number","help":"at most this many"},{"name":"--dry"}]}"#
    let environment = try plugins(
      [
        "tag": (describe, #"printf '%s\n' "$@" >&2; cat"#),
        "fussy": (
          #"{"protocol":1,"name":"fussy","summary":"s","emits":"records","arguments":[{"name":"channel"}]}"#,
          #"cat >/dev/null; echo '{"error": "no such channel", "argument": 1}' >&2; exit 2"#
        ),
        "future": (#"{"protocol":2,"name":"future","summary":"s","emits":"records"}"#, "cat"),
        "raw": (#"{"name":"raw","summary":"s","emits":"records"}"#, #"printf '%s\n' "$@" >&2; cat"#),
      ], in: tatsh)
    func run(_ program: String) throws -> TatshBinary.Result {
      try tatsh.run(["-c", program], environment: environment)
    }
    let good = try run("invocations | first 1 | tag ops status --limit=5 --dry | count")
    #expect(good.status == 0, "\(good.standardError)")
    #expect(good.standardError.hasSuffix("ops\nstatus\n--limit=5\n--dry\n"), "arguments pass as written")
    let raw = try run("invocations | first 1 | raw --flag=1 status=FAILED | count")
    #expect(raw.status == 0, "\(raw.standardError)")
    #expect(
      raw.standardError.hasSuffix("--flag=1\nstatus=FAILED\n"), "one argument each: \(raw.standardError)")
    for (program, message, at) in [
      ("invocations | tag ops --limt 5", "'--limt' is not a flag of tag", "--limt"),
      ("invocations | tag ops --limit five", "--limit is a number, not 'five'", "five"),
      ("invocations | tag ops nosuchfield", "unknown field 'nosuchfield'", "nosuchfield"),
      ("invocations | tag", "tag needs its argument label", "tag"),
      ("invocations | tag a status c", "tag takes 2 arguments (label field)", " c"),
      ("invocations | tasks | tag a", "tag takes invocations, and the records here are tasks", "tag"),
    ] {
      let result = try run(program)
      let column =
        program.distance(from: program.startIndex, to: program.range(of: at)!.lowerBound)
        + (at.hasPrefix(" ") ? 2 : 1)
      #expect(result.status == 2, "\(program): \(result.standardError)")
      #expect(
        result.standardError.contains("-c:1:\(column): error: \(message)"),
        "\(program): \(result.standardError)")
    }
    #expect(try run("invocations | tag ops --limt 5").standardError.contains("did you mean '--limit'?"))
    let help = try run("help tag")
    #expect(
      help.standardOutput.contains("Flags:\n  --limit NUMBER: at most this many\n  --dry\n"),
      "\(help.standardOutput)")
    let fussy = try run("invocations | first 1 | fussy general")
    #expect(fussy.status == 1)
    #expect(
      fussy.standardError.contains(
        "-c:1:31: error: stage 'fussy' failed: tatsh-fussy: no such channel\n  invocations | first 1 | fussy general\n                                ^^^^^^^"
      ), "a caret under the argument: \(fussy.standardError)")
    let future = try run("invocations | future")
    #expect(
      future.standardError.contains("it speaks protocol 2, and this tatsh speaks 1"),
      "\(future.standardError)")
    let condition = try run("invocations status=FAILED")
    #expect(
      condition.standardError.contains(
        "'status=FAILED' is a condition, not an id: write invocations where status=FAILED"))
  }

  /// Issue 22, item 9: tatsh plugins lists what it finds, and check names every problem.
  @Test func pluginsListsWhatItFindsAndCheckNamesEveryProblem() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let first = try plugins(
      [
        "good": (#"{"protocol":1,"name":"good","summary":"s","emits":"records"}"#, "cat"),
        "misnamed": (#"{"protocol":1,"name":"other","summary":"s","emits":"records"}"#, "cat"),
        "rows": (#"{"name":"rows","summary":"s","emits":"rows"}"#, "cat"),
      ], in: tatsh)["TATSH_PLUGIN_PATH"]!
    let second = try plugins(
      ["good": (#"{"protocol":1,"name":"good","summary":"s","emits":"text"}"#, "cat")], in: tatsh)[
        "TATSH_PLUGIN_PATH"]!
    try "#!/bin/sh\nsleep 30\n".write(
      toFile: second + "/tatsh-slowdescribe", atomically: true, encoding: .utf8)
    chmod(second + "/tatsh-slowdescribe", 0o755)
    try "#!/bin/sh\n".write(toFile: second + "/tatsh-plain", atomically: true, encoding: .utf8)
    try "#!/bin/sh\n".write(toFile: second + "/tatsh-runner", atomically: true, encoding: .utf8)
    chmod(second + "/tatsh-runner", 0o755)
    let environment = ["TATSH_PLUGIN_PATH": first + ":" + second]
    let listed = try tatsh.run(["plugins"], environment: environment)
    #expect(listed.status == 0, "\(listed.standardError)")
    #expect(
      listed.standardOutput.contains("  good  \(first)/tatsh-good\n    protocol 1, emits records\n"),
      "\(listed.standardOutput)")
    #expect(
      listed.standardOutput.contains("  good  \(second)/tatsh-good\n    shadowed by \(first)/tatsh-good\n"))
    let checked = try tatsh.run(["plugins", "check"], environment: environment)
    #expect(checked.status == 1)
    for problem in [
      "problem: its describe says its name is 'other', and its file says 'misnamed'",
      "problem: broken: tatsh-rows --tatsh-describe: emits is 'rows', not records or text",
      "problem: broken: tatsh-slowdescribe --tatsh-describe timed out after 5 s",
      "problem: not executable: chmod +x \(second)/tatsh-plain",
      "tatsh's own runner, not a plugin: left out",
      "4 problems.",
    ] {
      #expect(checked.standardOutput.contains(problem), "\(problem): \(checked.standardOutput)")
    }
    let help = try tatsh.run(["-c", "help"], environment: environment)
    #expect(!help.standardOutput.contains("runner"), "tatsh's own runner is no plugin in help")
  }

  /// Issue 22, item 10: a mistake in a sourced library's def is shown there,
  /// and a misspelt `where` gets a "did you mean".
  @Test func aMistakeInADefinitionIsShownWhereItIsWritten() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let library = tatsh.folder.appendingPathComponent("lib.tatsh")
    try
      "# shared\ndef failed = invocations where status=FAILD\ndef slowest n = sort by duration desc | first $n\n"
      .write(to: library, atomically: true, encoding: .utf8)
    let script = tatsh.folder.appendingPathComponent("report.tatsh")
    try "source lib.tatsh\nfailed | slowest 2 | count\n".write(to: script, atomically: true, encoding: .utf8)
    let result = try tatsh.run([script.path])
    #expect(result.status == 2)
    #expect(
      result.standardError.contains(
        "\(library.path):2:39: error: 'FAILD' is not a value of InvocationStatus"),
      "\(result.standardError)")
    #expect(
      result.standardError.contains(
        "(in the definition of 'failed')\n  def failed = invocations where status=FAILD\n"))
    #expect(result.standardError.contains("did you mean 'FAILED'?"))
    for program in ["invocations | wher status = FAILED", "invocations wher status=FAILED"] {
      let misspelt = try tatsh.run(["-c", program])
      #expect(misspelt.status == 2)
      #expect(
        misspelt.standardError.contains("a condition follows 'where', and 'wher' is not it"),
        "\(misspelt.standardError)")
      #expect(misspelt.standardError.contains("did you mean 'where'?"))
    }
  }

  /// Found in a stranger's trial of this issue's work; each failed before.
  @Test func whatATrialOfPluginsFound() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    var environment = try plugins(
      [
        "raw": (#"{"name":"raw","summary":"s","emits":"records"}"#, #"printf '%s\n' "$@" >&2; cat"#),
        "team": (
          #"{"protocol":1,"name":"team","summary":"s","emits":"records","kind":"same","fields":["team"],"accepts":["invocations"]}"#,
          #"sed 's/^{/{"team":"ops",/'"#
        ),
        "odd": (
          #"{"protocol":1,"name":"odd","summary":"s","emits":"records","kind":"hosts","accepts":["widgets"],"flags":[{"name":"limit","type":"nmber"}]}"#,
          "cat"
        ),
      ], in: tatsh)
    let folder = environment["TATSH_PLUGIN_PATH"]!
    try "#!/bin/sh\n".write(toFile: folder + "/tatsh-noexec", atomically: true, encoding: .utf8)
    environment["TATSH_PLUGIN_PATH"] = folder
    func run(_ program: String, input: String = "") throws -> TatshBinary.Result {
      try tatsh.run(["-c", program], input: input, environment: environment)
    }
    // Commas inside a key=value stay in it, as a shell would pass it.
    let commas = try run("invocations | first 1 | raw a=1,b=2 --limit=1,2 | count")
    #expect(commas.standardError.hasSuffix("a=1,b=2\n--limit=1,2\n"), "\(commas.standardError)")
    // A plugin that keeps the kind and adds a field: both the aliases and the new field work.
    let added = try run(
      "invocations | first 3 | team | where team=ops and status ~ . | select id, team | count")
    #expect(added.status == 0, "\(added.standardError)")
    #expect(added.standardOutput == "{\"count\":3}\n")
    // {{Field}} of a list or an object is its JSON, as TATSH_<Field> is.
    let template = try run(
      #"from json | each 'echo {{lst}} {{obj}}'"#, input: #"{"lst":[1,2],"obj":{"a":1}}"# + "\n")
    #expect(template.standardOutput == "[1,2] {\"a\":1}\n", "\(template.standardOutput)")
    // Records before a malformed line come out, then the error (status 1 whatever the timing).
    let partial = try run("from json | jsonl", input: "{\"x\":1}\n{\"x\":NaN}\n")
    #expect(partial.status == 1)
    #expect(partial.standardOutput == "{\"x\":1}\n")
    // A plugin that is not executable, and errors that name the stage as written.
    let noexec = try run("invocations | noexec")
    #expect(
      noexec.standardError.contains("the plugin 'noexec' is not executable: chmod +x \(folder)/tatsh-noexec"))
    let help = try run("help team")
    #expect(
      help.standardOutput.contains("takes invocations; writes records of the kind it takes"),
      "\(help.standardOutput)")
    // check names every problem of a describe, not the first.
    let checked = try tatsh.run(["plugins", "check"], environment: environment)
    for problem in [
      "names the kind 'hosts'", "it accepts 'widgets'", "the type 'nmber' is not one of",
      "the flag 'limit' does not start with --",
    ] {
      #expect(checked.standardOutput.contains(problem), "\(problem): \(checked.standardOutput)")
    }
  }
}
