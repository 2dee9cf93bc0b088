import Foundation
import TatshTestSupport
import Testing

/// `each`: one shell command per record, safely.
@Suite struct EachTests {
  @Test func templatesEnvironmentAndStandardInput() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let result = try tatsh.run([
      "-c",
      "invocations inv-q4zp60g0 | tasks | each 'echo {{instance}} $TATSH_TaskStatus $(grep -o invt-[a-z0-9]* | head -1)'",
    ])
    #expect(result.status == 0, "\(result.standardError)")
    #expect(
      result.standardOutput
        == "ins-zj0f57ew SUCCESS invt-kakne8h2\nins-zj0f57ex SUCCESS invt-jc2onrxm\nins-zj0f57ev SUCCESS invt-6xmuisyq\n"
    )
    #expect(result.standardError.contains("each: 3 ran, 3 succeeded, 0 failed"))
  }

  @Test func recordsPassThroughEach() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let result = try tatsh.run(["-c", "invocations inv-q4zp60g0 | tasks | each 'true' | count"])
    #expect(result.standardOutput == "{\"count\":3}\n")
  }

  @Test func parallelKeepsEachCommandsOutputTogether() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let result = try tatsh.run([
      "-c", "invocations | first 8 | each --parallel 4 'echo start {{id}}; sleep 0.2; echo end {{id}}'",
    ])
    #expect(result.status == 0, "\(result.standardError)")
    let lines = result.standardOutput.split(separator: "\n")
    #expect(lines.count == 16)
    for pair in stride(from: 0, to: lines.count, by: 2) {
      #expect(lines[pair].dropFirst("start ".count) == lines[pair + 1].dropFirst("end ".count))
    }
  }

  @Test func aFailureStopsUnlessKeepGoing() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let stopped = try tatsh.run([
      "-c",
      "invocations inv-q4zp60g0 | tasks | each 'echo ran {{instance}}; test {{instance}} != ins-zj0f57ex'",
    ])
    #expect(stopped.status == 1)
    #expect(stopped.standardOutput == "ran ins-zj0f57ew\nran ins-zj0f57ex\n")
    #expect(stopped.standardError.contains("each: the command for invt-jc2onrxm exited with status 1"))
    let kept = try tatsh.run([
      "-c",
      "invocations inv-q4zp60g0 | tasks | each --keep-going 'echo ran {{instance}}; test {{instance}} != ins-zj0f57ex'",
    ])
    #expect(kept.status == 1, "the failures fail the pipeline, after every record went on")
    #expect(kept.standardOutput.split(separator: "\n").count == 3)
    #expect(kept.standardError.contains("each: the command for invt-jc2onrxm exited with status 1"))
    #expect(kept.standardError.contains("each: 3 ran, 2 succeeded, 1 failed"))
  }

  @Test func aCommandPastItsTimeoutIsEnded() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let started = Date()
    let result = try tatsh.run(["-c", "invocations inv-q4zp60g0 | each --timeout 1s 'sleep 30'"])
    #expect(Date().timeIntervalSince(started) < 15)
    #expect(result.status == 1)
    #expect(result.standardError.contains("each: the command for inv-q4zp60g0 timed out after 1s"))
  }

  @Test(arguments: [
    "\\\"; touch PWNED #", "$(touch PWNED)", "`touch PWNED`", "a && touch PWNED", "x; touch PWNED",
    "line one\\ntouch PWNED", "it's \\\"quoted\\\"", "| touch PWNED", "$HOME",
    String(repeating: "long", count: 5_000),
  ])
  func hostileValuesAreInert(_ payload: String) throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let input = "{\"InvocationId\":\"inv-aaaaaaaa\",\"Note\":\"\(payload)\"}\n"
    let result = try tatsh.run(
      ["-c", "from json | each 'printf \"%s|\" {{Note}}; printf \"%s\" \"$TATSH_Note\"'"], input: input)
    #expect(result.status == 0, "\(result.standardError)")
    let expected =
      try #require(
        try JSONSerialization.jsonObject(with: Data(input.utf8)) as? [String: Any])["Note"] as! String
    #expect(result.standardOutput == expected + "|" + expected)
    #expect(!FileManager.default.fileExists(atPath: tatsh.folder.appendingPathComponent("PWNED").path))
  }

  /// Values that would run a command, end a quote or a here-document, or
  /// split into words, were they part of the script.
  static let hostileValues = [
    "$(touch PWNED)", "`touch PWNED`", "\"; touch PWNED; \"", "'; touch PWNED; '", "\\$(touch PWNED)",
    "x\ntouch PWNED", "x\n$(touch PWNED)", "${IFS}touch${IFS}PWNED", "$((1+1))", "EOF\ntouch PWNED",
    "EOF\n$(touch PWNED)", "a[$(touch PWNED)]", "  two  spaces *  ", "-n", "\\", "\t}\"'`$", "",
  ]

  /// Shell text that prints `{{Note}}` from where it stands, and what it prints for a value.
  static let printingContexts: [(String, @Sendable (String) -> String)] = [
    ("printf '%s' {{Note}}", { $0 }),
    ("printf '%s' \"[{{Note}}]\"", { "[\($0)]" }),
    ("printf '%s' \"`printf '%s.' {{Note}}`\"", { $0 + "." }),
    ("printf '%s' \"$(printf '%s.' {{Note}})\"", { $0 + "." }),
    ("printf '%s' ${unset:-{{Note}}}", { $0 }),
    ("printf '%s' \"${unset:-{{Note}}}\"", { $0 }),
    ("cat <<EOF\n{{Note}}\nEOF", { $0 + "\n" }),
    ("cat <<-EOF\n\t<{{Note}}>\n\tEOF", { "<\($0)>\n" }),
    ("case {{Note}} in *) printf '%s' \"{{Note}}\";; esac", { $0 }),
    ("x={{Note}}; printf '%s' \"$x\" # {{Note}}", { $0 }),
  ]

  /// `text` as a tatsh string: single quotes when it has none (read as
  /// written), else double quotes with escapes.
  static func tatshString(_ text: String) -> String {
    guard text.contains("'") || text.contains("\n") || text.contains("\t") else { return "'\(text)'" }
    var escaped = text.replacingOccurrences(of: "\\", with: "\\\\")
    for (character, escape) in [("\"", "\\\""), ("\n", "\\n"), ("\t", "\\t")] {
      escaped = escaped.replacingOccurrences(of: character, with: escape)
    }
    return "\"\(escaped)\""
  }

  /// Whether `/bin/sh` reads bash's here-strings.
  static let shellHasHereStrings: Bool = {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", "cat <<<x"]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try? process.run()
    process.waitUntilExit()
    return process.terminationStatus == 0
  }()

  @Test(arguments: [1, 3])
  func hostileValuesPrintAsTheyAreWhereverTheyStand(parallel: Int) throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let ids = Self.hostileValues.indices.map { String(format: "inv-a%07d", $0) }
    var input = ""
    for (id, value) in zip(ids, Self.hostileValues) {
      let json = try JSONSerialization.data(withJSONObject: ["InvocationId": id, "Note": value])
      input += String(decoding: json, as: UTF8.self) + "\n"
    }
    var contexts = Self.printingContexts
    if Self.shellHasHereStrings { contexts.append(("cat <<<{{Note}}", { $0 + "\n" })) }
    for (text, expected) in contexts {
      let command = "printf '<%s>' {{InvocationId}}\n" + text + "\nprintf '#END#'"
      let result = try tatsh.run(
        ["-c", "from json | each --parallel \(parallel) \(Self.tatshString(command))"], input: input)
      #expect(result.status == 0, "\(text): \(result.standardError)")
      #expect(result.standardError.contains("each: \(ids.count) ran, \(ids.count) succeeded, 0 failed"))
      var printed: [String: String] = [:]
      for chunk in result.standardOutput.components(separatedBy: "#END#").dropLast() {
        guard chunk.hasPrefix("<inv-"), let close = chunk.firstIndex(of: ">") else {
          Issue.record("\(text): unexpected output \(chunk.debugDescription)")
          continue
        }
        printed[String(chunk[chunk.index(after: chunk.startIndex)..<close])] = String(
          chunk[chunk.index(after: close)...])
      }
      for (id, value) in zip(ids, Self.hostileValues) {
        #expect(printed[id] == expected(value), "\(text) with \(value.debugDescription)")
      }
      #expect(
        !FileManager.default.fileExists(atPath: tatsh.folder.appendingPathComponent("PWNED").path), "\(text)")
    }
  }

  @Test(arguments: [
    ("touch RAN; echo '{{id}}'", "{{id}} is inside single quotes, where the shell expands nothing"),
    ("touch RAN; echo 'id={{id}}'", "close the quotes around it: touch RAN; echo 'id='{{id}}"),
    ("touch RAN; echo $'{{id}}'", "{{id}} is inside $'…', where the shell expands nothing"),
    ("touch RAN; cat <<'EOF'\n{{id}}\nEOF", "{{id}} is in a here-document whose delimiter is quoted"),
    ("touch RAN; cat <<\\EOF\n{{id}}\nEOF", "{{id}} is in a here-document whose delimiter is quoted"),
    ("touch RAN; echo $(( {{id}} + 1 ))", "{{id}} is inside arithmetic"),
    ("touch RAN; (( {{id}} > 1 ))", "{{id}} is inside arithmetic"),
    ("touch RAN; echo \\{{id}}", "{{id}} follows a backslash"),
    ("touch RAN; [[ {{id}} == inv-* ]]", "{{id}} is inside [[ … ]]"),
    ("touch RAN; a[{{id}}]=1", "{{id}} is inside an array index"),
    ("touch RAN; echo \"${x:-it's}\" {{id}}", "{{id}} comes after a ' inside \"${…}\""),
  ])
  func holesWhereTheShellWouldNotTakeAValueAreRefusedBeforeAnythingRuns(_ command: String, _ message: String)
    throws
  {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let program = "invocations | first 2 | each " + Self.tatshString(command)
    let result = try tatsh.run(["-c", program])
    #expect(result.status == 2, "\(result.standardError)")
    #expect(result.standardError.contains(message), "\(result.standardError)")
    #expect(!FileManager.default.fileExists(atPath: tatsh.folder.appendingPathComponent("RAN").path))
    // A caret under the hole: in the program when the command is written as
    // it is read, else under the command's line shown with the message.
    let caret = String(repeating: "^", count: "{{id}}".count)
    let line: Substring
    if !["'\(command)'", "\"\(command)\""].contains(Self.tatshString(command)) {
      let shellLine = try #require(command.split(separator: "\n").first { $0.contains("{{id}}") })
      line = "    " + shellLine
    } else {
      line = "  " + program
    }
    let column = try #require(line.range(of: "{{id}}")).lowerBound
    let expected =
      line + "\n" + String(repeating: " ", count: line.distance(from: line.startIndex, to: column)) + caret
    #expect(result.standardError.contains(expected), "\(result.standardError)")
  }

  @Test func aValueHoldingNulFailsItsRecord() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let input = """
      {"InvocationId":"inv-aaaaaaa1","Note":"one"}
      {"InvocationId":"inv-aaaaaaa2","Note":"nul\\u0000byte"}
      {"InvocationId":"inv-aaaaaaa3","Note":"three"}

      """
    let stopped = try tatsh.run(["-c", "from json | each 'printf \"%s|\" {{Note}}'"], input: input)
    #expect(stopped.status == 1)
    #expect(stopped.standardOutput == "one|")
    let message =
      "each: the command for inv-aaaaaaa2 was not run: {{Note}} holds a NUL byte, which no environment variable can hold; read it from stdin, where the record is as JSON"
    #expect(stopped.standardError.contains(message), "\(stopped.standardError)")
    let kept = try tatsh.run(
      ["-c", "from json | each --keep-going --parallel 2 'printf \"%s|\" {{Note}}'"], input: input)
    #expect(kept.status == 1, "a record that failed fails the pipeline, after the others ran")
    #expect(kept.standardOutput.split(separator: "|").sorted() == ["one", "three"])
    #expect(kept.standardError.contains(message))
    #expect(kept.standardError.contains("each: 3 ran, 2 succeeded, 1 failed"))
    // TATSH_<Field> leaves such a value out; the record is on stdin in full.
    let environment = try tatsh.run(
      ["-c", "from json | each 'printf \"%s|\" \"${TATSH_Note-unset}\"; grep -c u0000; true'"], input: input)
    #expect(environment.status == 0, "\(environment.standardError)")
    #expect(environment.standardOutput == "one|0\nunset|1\nthree|0\n")
    // A script can hold a NUL byte in the command itself, which would cut it short: refused.
    let script = tatsh.folder.appendingPathComponent("nul.tatsh")
    try Data("invocations | first 1 | each 'touch RAN\0; echo cut'\n".utf8).write(to: script)
    let cut = try tatsh.run([script.path])
    #expect(cut.status == 2, "\(cut.standardError)")
    #expect(cut.standardError.contains("the command holds a NUL byte"), "\(cut.standardError)")
    #expect(!FileManager.default.fileExists(atPath: tatsh.folder.appendingPathComponent("RAN").path))
  }

  /// A plugin's arguments are its argv: no shell reads them.
  @Test func hostileArgumentsReachAPluginAsTheyAre() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let folder = tatsh.folder.appendingPathComponent("plugins")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let plugin = folder.appendingPathComponent("tatsh-args").path
    try """
    #!/bin/sh
    if [ "$1" = --tatsh-describe ]; then
      echo '{"name":"args","summary":"prints its arguments","usage":"args","emits":"text"}'; exit 0
    fi
    cat >/dev/null
    printf '[%s]\\n' "$@"

    """.write(toFile: plugin, atomically: true, encoding: .utf8)
    _ = chmod(plugin, 0o755)
    let environment = ["TATSH_PLUGIN_PATH": folder.path]
    let result = try tatsh.run(
      ["-c", "invocations | first 1 | args '$(touch PWNED)' '`touch PWNED`' \"'; touch PWNED\" '$HOME'"],
      environment: environment)
    #expect(result.status == 0, "\(result.standardError)")
    #expect(result.standardOutput == "[$(touch PWNED)]\n[`touch PWNED`]\n['; touch PWNED]\n[$HOME]\n")
    #expect(!FileManager.default.fileExists(atPath: tatsh.folder.appendingPathComponent("PWNED").path))
    // A script can hold a NUL byte, which would cut an argument short: refused.
    let script = tatsh.folder.appendingPathComponent("nul.tatsh")
    try Data("invocations | first 1 | args 'before\0after'\n".utf8).write(to: script)
    let nul = try tatsh.run([script.path], environment: environment)
    #expect(nul.status == 2, "\(nul.standardError)")
    #expect(nul.standardError.contains("this argument holds a NUL byte"), "\(nul.standardError)")
    #expect(nul.standardOutput.isEmpty)
  }

  @Test func ctrlCEndsTheCommandsAndTatsh() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let marker = "sleep 3\(Int.random(in: 100...999))"
    let errors = tatsh.folder.appendingPathComponent("errors")
    let process = try tatsh.start(
      ["-c", "invocations | first 6 | each --parallel 2 '\(marker); echo never'"], errorFile: errors)
    usleep(1_500_000)
    process.interrupt()
    process.waitUntilExit()
    #expect(process.terminationStatus == 130)
    #expect(try String(contentsOf: errors, encoding: .utf8).contains("cancelled"))
    usleep(300_000)
    let left = Process()
    left.executableURL = URL(fileURLWithPath: "/usr/bin/pgrep")
    left.arguments = ["-f", marker]
    left.standardOutput = FileHandle.nullDevice
    try left.run()
    left.waitUntilExit()
    #expect(left.terminationStatus == 1, "a command of each is still running")
  }

  @Test func badOptionsAreUsageErrors() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let unknown = try tatsh.run(["-c", "invocations | each --paralel 2 'true'"])
    #expect(unknown.status == 2)
    #expect(unknown.standardError.contains("did you mean '--parallel'?"))
    let field = try tatsh.run(["-c", "invocations | each 'echo {{stauts}}'"])
    #expect(field.status == 2)
    #expect(field.standardError.contains("unknown field 'stauts'"))
  }

  @Test func bytesThatAreNotUTF8AndOddFieldNamesAreInert() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    var input = Data(#"{"InvocationId":"inv-aaaaaaaa","Note":"bad "#.utf8)
    input += Data([0xFF, 0xFE, 0xC3])
    input += Data(#" bytes; touch PWNED","a=b":"c","x y":"z","$(touch PWNED)":"v"}"#.utf8)
    input.append(0x0A)
    let file = tatsh.folder.appendingPathComponent("bad.jsonl")
    try input.write(to: file)
    let result = try tatsh.run([
      "-c",
      "open \(file.path) | each 'printf \"%s|\" {{Note}}; env | grep ^TATSH_ | grep -v ^TATSH_STORE= | sort'",
    ])
    #expect(result.status == 0, "\(result.standardError)")
    #expect(
      result.standardOutput
        == "bad \u{FFFD}\u{FFFD}\u{FFFD} bytes; touch PWNED|TATSH_InvocationId=inv-aaaaaaaa\nTATSH_Note=bad \u{FFFD}\u{FFFD}\u{FFFD} bytes; touch PWNED\n"
    )
    #expect(!FileManager.default.fileExists(atPath: tatsh.folder.appendingPathComponent("PWNED").path))
  }

  @Test func aRecordFarLargerThanAPipeReachesStdinWhole() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let note = String(repeating: "n", count: 1_000_000)
    let input = "{\"InvocationId\":\"inv-aaaaaaaa\",\"Note\":\"\(note)\",\"Small\":\"s\"}\n"
    let result = try tatsh.run(
      ["-c", "from json | each 'sleep 0.2; wc -c; echo ${#TATSH_Note} $TATSH_Small'"], input: input)
    #expect(result.status == 0, "\(result.standardError)")
    // All of the record on stdin; a value too long for the environment is left out of it.
    #expect(result.standardOutput == "\(input.utf8.count)\n0 s\n")
    let tooLong = try tatsh.run(["-c", "from json | each 'echo {{Note}}'"], input: input)
    #expect(tooLong.status == 1)
    #expect(
      tooLong.standardError.contains(
        "each: the command for inv-aaaaaaaa was not run: {{Note}} is 976 KB, more than the system passes in one variable (128 KB); read long values from stdin"
      ),
      "\(tooLong.standardError)")
    // Just under the limit, the value reaches the command whole.
    let most = String(repeating: "m", count: 131_000)
    let fits = try tatsh.run(
      ["-c", "from json | each 'printf %s {{Note}} | wc -c'"],
      input: "{\"InvocationId\":\"inv-aaaaaaaa\",\"Note\":\"\(most)\"}\n")
    #expect(fits.status == 0, "\(fits.standardError)")
    #expect(fits.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines) == "131000")
  }

  @Test func aCommandThatFloodsItsOutputIsPassedOnAsItComes() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let output = tatsh.folder.appendingPathComponent("flood.out")
    let marker = "sleep 3\(Int.random(in: 100...999))"
    let process = try tatsh.start(
      ["-c", "invocations | first 1 | each 'yes | head -c 5000000; \(marker)'"],
      errorFile: tatsh.folder.appendingPathComponent("flood.err"), outputFile: output)
    usleep(2_000_000)
    process.interrupt()
    process.waitUntilExit()
    #expect(process.terminationStatus == 130)
    // Held back only up to 1 MB: what the command printed before Ctrl-C came out.
    let printed = (try FileManager.default.attributesOfItem(atPath: output.path)[.size] as? Int) ?? 0
    #expect(printed >= 4_000_000, "\(printed) bytes")
  }

  @Test func aCharacterCutByThePassingOnIsPassedOnWhole() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    // Over 1 MB ending in the first byte of "€" is passed on before the
    // command ends; the character's two other bytes come half a second later.
    let result = try tatsh.run([
      "-c",
      #"invocations | first 1 | each 'head -c 1048576 /dev/zero | tr "\0" a; printf "\342"; sleep 0.5; printf "\202\254"'"#,
    ])
    #expect(result.status == 0, "\(result.standardError)")
    // Compared in parts, so that a failure does not print a megabyte.
    let broken = result.standardOutput.contains("\u{FFFD}")
    #expect(!broken)
    #expect(String(result.standardOutput.suffix(3)) == "aa€")
    #expect(result.standardOutput.utf8.count == 1_048_576 + 3)
  }
}
