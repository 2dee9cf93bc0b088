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
    #expect(kept.status == 0)
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
    "line one\\ntouch PWNED", "it's \\\"quoted\\\"", "nul\\u0000byte", "| touch PWNED", "$HOME",
    String(repeating: "long", count: 5_000),
  ])
  func hostileValuesAreInert(_ payload: String) throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let input = "{\"InvocationId\":\"inv-aaaaaaaa\",\"Note\":\"\(payload)\"}\n"
    let result = try tatsh.run(
      ["-c", "from json | each 'printf \"%s|\" {{Note}}; printf \"%s\" \"$TATSH_Note\"'"], input: input)
    #expect(result.status == 0, "\(result.standardError)")
    let decoded =
      try #require(
        try JSONSerialization.jsonObject(with: Data(input.utf8)) as? [String: Any])["Note"] as! String
    let expected = decoded.replacingOccurrences(of: "\0", with: "")
    #expect(result.standardOutput == expected + "|" + expected)
    #expect(!FileManager.default.fileExists(atPath: tatsh.folder.appendingPathComponent("PWNED").path))
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
        "each: the command for inv-aaaaaaaa is 976 KB long, more than the system takes in one argument (128 KB)"
      ),
      "\(tooLong.standardError)")
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
