import Foundation
import TatshTestSupport
import Testing

/// Every script in examples/ runs on a fresh demo store and prints what it promises.
@Suite struct ExampleScriptTests {
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("examples")

  func run(_ script: String, _ arguments: [String] = [], in tatsh: TatshBinary) throws -> TatshBinary.Result {
    let result = try tatsh.run([Self.folder.appendingPathComponent(script).path] + arguments)
    #expect(result.status == 0, "\(script): \(result.standardError)")
    return result
  }

  @Test func everyScriptHasAHeaderAndATest() throws {
    let scripts = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path).filter {
      $0.hasSuffix(".tatsh")
    }
    #expect(scripts.count >= 5)
    let tested = [
      "daily-failed-tasks.tatsh", "search-output.tatsh", "failure-rate.tatsh", "rerun-failed-instances.tatsh",
      "export-last-day.tatsh", "why-not-delivered.tatsh",
    ]
    for script in scripts {
      let text = try String(contentsOf: Self.folder.appendingPathComponent(script), encoding: .utf8)
      #expect(text.hasPrefix("#!/usr/bin/env tatsh\n# "), "\(script) has no header")
      #expect(text.contains("tatsh examples/\(script)"), "\(script) does not say how to run it")
      #expect(tested.contains(script), "\(script) has no test")
    }
  }

  @Test func dailyFailedTasks() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let result = try run("daily-failed-tasks.tatsh", in: tatsh)
    let lines = result.standardOutput.split(separator: "\n")
    #expect(lines.first == "Failed tasks of the last 24 hours")
    #expect(lines.dropFirst().first?.hasPrefix("InvocationId") == true)
    #expect(lines.last?.hasSuffix("records)") == true || lines.last == "(no records)")
    #expect(!result.standardOutput.contains(" SUCCESS "))
  }

  @Test func whyNotDelivered() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let result = try run("why-not-delivered.tatsh", in: tatsh)
    let sections = result.standardOutput.components(separatedBy: "\n\nBy agent\n")
    try #require(sections.count == 2, "\(result.standardOutput)")
    let tasks = sections[0].split(separator: "\n").map(String.init)
    #expect(tasks.first == "Tasks of the last 24 hours that were not delivered, and their agents")
    #expect(
      tasks.dropFirst().first?.split(separator: " ", omittingEmptySubsequences: true)
        == [
          "InvocationId", "InstanceId", "TaskStatus", "Agent.AgentStatus", "Agent.Version",
          "Agent.LastHeartbeatTime",
        ])
    let rows = tasks.dropFirst(3).dropLast().map { $0.split(separator: " ", omittingEmptySubsequences: true) }
    #expect(rows.count >= 5, "the demo store's offline agents miss tasks every day: \(tasks)")
    for row in rows {
      #expect(["DELIVER_FAILED", "DELIVER_DELAYED"].contains(row[2]), "\(row)")
      #expect(row[3] == "Offline", "an undelivered task's agent is offline: \(row)")
    }
    #expect(tasks.last == "(\(rows.count) records)")
    // The summary adds up to the tasks above, one line per agent version.
    let versions = sections[1].split(separator: "\n").dropFirst(2).dropLast().map {
      $0.split(separator: " ", omittingEmptySubsequences: true)
    }
    #expect(Set(versions.map { String($0[0]) }) == Set(rows.map { String($0[4]) }))
    #expect(versions.reduce(0) { $0 + Int($1[1])! } == rows.count)
  }

  @Test func searchOutput() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let result = try run("search-output.tatsh", ["Permission denied"], in: tatsh)
    let records = result.standardOutput.split(separator: "\n")
    #expect(!records.isEmpty)
    #expect(records.allSatisfy { $0.contains("Permission denied") })
    let missing = try tatsh.run([Self.folder.appendingPathComponent("search-output.tatsh").path])
    #expect(missing.status == 2)
    #expect(missing.standardError.contains("script argument $1 was not given"))
  }

  @Test func failureRate() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let result = try run("failure-rate.tatsh", in: tatsh)
    let lines = result.standardOutput.split(separator: "\n")
    #expect(lines.first?.contains("percent_FAILED") == true)
    #expect(lines.first?.hasPrefix("CommandName") == true)
    #expect(lines.count > 5)
  }

  @Test func rerunFailedInstances() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let failed = try tatsh.run(["-c", "invocations where status=FAILED | first 1 | get id | text"])
    let id = failed.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
    let tasks = try tatsh.run(["-c", "invocations \(id) | tasks | where status != SUCCESS | count"])
    let result = try run("rerun-failed-instances.tatsh", [id], in: tatsh)
    let lines = result.standardOutput.split(separator: "\n")
    #expect(tasks.standardOutput == "{\"count\":\(lines.count)}\n")
    #expect(
      lines.allSatisfy {
        $0.hasPrefix("tccli tat InvokeCommand --CommandId cmd-") && $0.contains("--InstanceIds ")
      })
  }

  @Test func exportLastDay() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let result = try run("export-last-day.tatsh", in: tatsh)
    let lines = result.standardOutput.split(separator: "\r\n")
    #expect(
      lines.first
        == "InvocationId,CommandName,InvocationStatus,InstanceKind,CreatedTime,duration,InvocationSource")
    #expect(lines.count > 2)
    #expect(lines.dropFirst().allSatisfy { $0.hasPrefix("inv-") })
  }
}
