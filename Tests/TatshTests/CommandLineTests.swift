import Foundation
import TatshTestSupport
import Testing

/// `tatsh -c`, exit codes and errors, as a user meets them.
@Suite struct CommandLineTests {
  @Test func misspeltFieldExitsTwoWithCaretAndSuggestion() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let result = try tatsh.run(["-c", "invocations where stauts=FAILED"])
    #expect(result.status == 2)
    #expect(result.standardOutput.isEmpty)
    let lines = result.standardError.split(separator: "\n").map(String.init)
    let at = try #require(lines.firstIndex { $0.hasPrefix("-c:1:19: error: unknown field 'stauts'") })
    #expect(lines[at + 1] == "  invocations where stauts=FAILED")
    #expect(lines[at + 2] == "                    ^^^^^^")
    #expect(lines[at + 3] == "  did you mean 'status'?")
  }

  @Test func misspeltStageGetsASuggestion() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let result = try tatsh.run(["-c", "invocations | decod"])
    #expect(result.status == 2)
    #expect(result.standardError.contains("unknown stage 'decod'"))
    #expect(result.standardError.contains("did you mean 'decode'?"))
  }

  @Test func apiErrorExitsOneNamingStageCodeAndRequestId() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let result = try tatsh.run(["-c", "invocations inv-NOTANID"])
    #expect(result.status == 1)
    #expect(result.standardError.contains("stage 'invocations' failed"))
    #expect(result.standardError.contains("InvalidParameterValue.InvalidInvocationId"))
    #expect(result.standardError.contains("RequestId "))
  }

  @Test func usageErrorsExitTwo() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    #expect(try tatsh.run(["--no-such-flag"]).status == 2)
    #expect(try tatsh.run(["-c", "invocations", "script.tatsh"]).status == 2)
    let missing = try tatsh.run(["no-such-script.tatsh"])
    #expect(missing.status == 2)
    #expect(missing.standardError.contains("no-such-script.tatsh"))
    for timeout in ["0", "-1", "nan", "7200"] {
      let bad = try tatsh.run(["--timeout=\(timeout)", "-c", "invocations | count"])
      #expect(bad.status == 2)
      #expect(
        bad.standardError.contains("--timeout takes seconds above 0 and at most 3600"), "\(bad.standardError)"
      )
    }
  }

  @Test func helpTellsHowToUseIt() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let result = try tatsh.run(["--help"])
    #expect(result.status == 0)
    #expect(result.standardOutput.contains("-c <pipeline>"))
    #expect(result.standardOutput.contains("\n  seed "))
    #expect(result.standardOutput.contains("See 'tatsh help <subcommand>'"))
    #expect(result.standardOutput.contains("--store"))
    let seedHelp = try tatsh.run(["seed", "--help"])
    #expect(seedHelp.status == 0)
    #expect(seedHelp.standardOutput.contains("USAGE: tatsh seed"))
  }

  /// A trial found a folder given as the key file blamed on permissions.
  @Test func aCredentialsPathThatIsNoFileSaysWhatItIs() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let folder = try tatsh.run(["--credentials", tatsh.folder.path, "-c", "invocations"])
    #expect(folder.status == 2)
    #expect(folder.standardError == "tatsh: \(tatsh.folder.path): a folder, not a credentials file\n")
    let empty = try tatsh.run(["--credentials", "/dev/null", "-c", "invocations"])
    #expect(empty.standardError == "tatsh: /dev/null: empty, or not a regular file\n")
  }

  @Test func failedInvocationsFanOutToTheirDecodedTasks() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let failed = try tatsh.run(["-c", "invocations where status=FAILED | select id"])
    let failedIds = Set(try jsonLines(failed.standardOutput).map { $0["InvocationId"] as! String })
    #expect(!failedIds.isEmpty)

    let result = try tatsh.run(["-c", "invocations where status=FAILED | tasks | decode"])
    #expect(result.status == 0, "\(result.standardError)")
    let tasks = try jsonLines(result.standardOutput)
    #expect(!tasks.isEmpty)
    #expect(Set(tasks.map { $0["InvocationId"] as! String }) == failedIds)
    let outputs = tasks.compactMap { ($0["TaskResult"] as? [String: Any])?["Output"] as? String }
    #expect(
      outputs.contains {
        $0.contains("No space left on device") || $0.contains("Permission denied") || $0.contains("not found")
      })
    #expect(!tasks.contains { $0["TaskStatus"] as? String == "SUCCESS" })
  }

  @Test func countSelectAndFirst() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    try tatsh.run(["seed", "--invocations", "120", "--end-time", "2026-11-01T00:00:00Z"])
    #expect(try tatsh.run(["-c", "invocations | count"]).standardOutput == "{\"count\":121}\n")
    let firstTwo = try jsonLines(
      try tatsh.run(["-c", "invocations | first 2 | select id, status"]).standardOutput)
    #expect(firstTwo.count == 2)
    #expect(firstTwo.allSatisfy { Set($0.keys) == ["InvocationId", "InvocationStatus"] })
  }

  @Test func tableFitsTheGivenWidth() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let result = try tatsh.run(
      ["-c", "invocations where status=FAILED | tasks | decode | table"], environment: ["COLUMNS": "100"])
    #expect(result.status == 0)
    let lines = result.standardOutput.split(separator: "\n")
    #expect(lines.count > 3)
    #expect(lines.first?.hasPrefix("TaskId         InvocationId") == true)
    #expect(lines.dropFirst(2).first?.hasPrefix("invt-") == true)
    #expect(lines.allSatisfy { $0.count <= 100 })
    #expect(lines.last?.hasSuffix("records)") == true)
  }

  @Test func firstRunSeedsTheStoreAndSaysSoOnce() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let first = try tatsh.run(["-c", "invocations | first 1"])
    #expect(first.standardError.contains("was empty; seeded it with 301 demo invocations"))
    let second = try tatsh.run(["-c", "invocations | first 1"])
    #expect(second.standardError.isEmpty)
  }

  func jsonLines(_ text: String) throws -> [[String: Any]] {
    try text.split(separator: "\n").map {
      try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
    }
  }

  @Test func verboseShowsEveryRequestWithItsRequestId() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let result = try tatsh.run(["--verbose", "-c", "invocations inv-q4zp60g0 | tasks | count"])
    #expect(result.status == 0, "\(result.standardError)")
    #expect(result.standardOutput == "{\"count\":3}\n")
    let lines = result.standardError.split(separator: "\n").filter { $0.hasPrefix("tatsh: Describe") }
    #expect(lines.count == 2, "\(result.standardError)")
    #expect(
      lines.first?.hasPrefix(
        #"tatsh: DescribeInvocations {"InvocationIds":["inv-q4zp60g0"],"Limit":100,"Offset":0} → 1 of 1, RequestId "#
      ) == true, "\(lines)")
    #expect(lines.last?.contains("DescribeInvocationTasks") == true)
    #expect(lines.last?.contains("→ 3 of 3, RequestId ") == true, "\(lines)")
    let quiet = try tatsh.run(["-c", "invocations inv-q4zp60g0 | tasks | count"])
    #expect(!quiet.standardError.contains("RequestId"))
  }
}
