import Foundation
import TatshTestSupport
import Testing

/// What a first user of agents and schedules ran into (issue 25's trial),
/// through the binary on the demo store.
@Suite struct ScheduleTrialTests {
  func run(_ tatsh: TatshBinary, _ pipeline: String) throws -> TatshBinary.Result {
    try tatsh.run(["-c", pipeline])
  }

  @Test func agentVersionsCompareAndSortAsVersionsNotText() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    // 1.1.10 is newer than every demo agent (1.0.6, 1.1.5, 1.1.8); as text it sorted before 1.1.5.
    #expect(try run(tatsh, "agents where version >= 1.1.10 | count").standardOutput == #"{"count":0}"# + "\n")
    let all = try run(tatsh, "agents | count").standardOutput
    #expect(try run(tatsh, "agents where version < 1.1.10 | count").standardOutput == all)
    let sorted = try run(tatsh, "agents | sort by version desc | uniq version | get version").standardOutput
    #expect(
      sorted == #"{"value":"1.1.8"}"# + "\n" + #"{"value":"1.1.5"}"# + "\n" + #"{"value":"1.0.6"}"# + "\n")
  }

  @Test func trueAndFalseAreTakenInAnyCaseAndNothingElseIs() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    for spelling in ["false", "False", "FALSE"] {
      let result = try run(tatsh, "invokers where enabled=\(spelling) | count")
      #expect(result.standardOutput == #"{"count":1}"# + "\n", "\(spelling): \(result.standardError)")
    }
    #expect(try run(tatsh, "invokers where enabled != True | count").standardOutput == #"{"count":1}"# + "\n")
    let yes = try run(tatsh, "invokers where enabled=yes | count")
    #expect(yes.status == 2)
    #expect(yes.standardError.contains("-c:1:24: error: 'yes' is not a value of Enable (one of true, false)"))
  }

  @Test func aConditionGoesOnOverLinesInsideParentheses() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let script = tatsh.folder.appendingPathComponent("lines.tatsh")
    try
      "invoker-records | where (result=FAILED or\n  result=PARTIAL_FAILED) | count\ninvoker-records | where result in (FAILED, PARTIAL_FAILED) | count\n"
      .write(to: script, atomically: true, encoding: .utf8)
    let result = try tatsh.run([script.path])
    #expect(result.status == 0, "\(result.standardError)")
    let counts = result.standardOutput.split(separator: "\n")
    #expect(counts.count == 2 && counts[0] == counts[1] && counts[0] != #"{"count":0}"#, "\(counts)")
    // A parenthesis never closed is still an error, at the end of the line that left it open.
    try "invokers where (enabled=false\ninvokers | count\n".write(
      to: script, atomically: true, encoding: .utf8)
    let open = try tatsh.run([script.path])
    #expect(open.status == 2)
    #expect(
      open.standardError.contains("lines.tatsh:1:30: error: expected ')', found the end of the line"),
      "\(open.standardError)")
  }

  @Test func anOnlineAgentHasReportedWithinTheLastMinute() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    #expect(try tatsh.run(["seed"]).status == 0)
    let online = try run(tatsh, "agents where status=Online | count").standardOutput
    #expect(online != #"{"count":0}"# + "\n")
    #expect(try run(tatsh, "agents where status=Online and heartbeat > -2m | count").standardOutput == online)
    let offline = try run(tatsh, "agents where status=Offline and heartbeat > -1d | count")
    #expect(offline.standardOutput == #"{"count":1}"# + "\n", "only the one lost in the last day")
  }

  @Test func theInvokersTableNamesTheOnceTimeForWhatItIs() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let table = try run(tatsh, "invokers | table").standardOutput
    #expect(table.hasPrefix("InvokerId"), "\(table)")
    #expect(table.contains(" InvokeTime ") && !table.contains(" Next "), "\(table)")
  }

  @Test func aTableHeaderCopiedIntoSelectIsNamedForWhatItIs() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let result = try run(tatsh, "tasks | select TaskId, status")
    #expect(result.status == 2)
    #expect(
      result.standardError.contains(
        "-c:1:16: error: unknown field 'TaskId' of tasks: a table heads 'InvocationTaskId' as TaskId"),
      "\(result.standardError)")
    #expect(result.standardError.contains("did you mean 'InvocationTaskId'?"), "\(result.standardError)")
    let agents = try run(tatsh, "agents | sort by LastHeartbeat")
    #expect(
      agents.standardError.contains("a table heads 'LastHeartbeatTime' as LastHeartbeat"),
      "\(agents.standardError)")
  }

  @Test func aChangeWithNothingToActOnSaysSo() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    #expect(try tatsh.run(["seed"]).status == 0)
    for (pipeline, said) in [
      ("invokers where name=nope | disable --yes", "disable: no invokers came in; nothing was disabled"),
      ("invokers where name=nope | enable --yes", "enable: no invokers came in; nothing was enabled"),
      (
        "invocations where status=FAILED and id=inv-00000000 | cancel --yes",
        "cancel: no invocations or tasks came in; nothing was cancelled"
      ),
      (
        "invocations where status=FAILED and id=inv-00000000 | rerun --yes",
        "rerun: no invocations or tasks with instances came in; nothing was run"
      ),
    ] {
      let result = try run(tatsh, pipeline)
      #expect(result.status == 0, "\(pipeline): \(result.standardError)")
      #expect(result.standardOutput.isEmpty)
      #expect(result.standardError == said + "\n", "\(pipeline)")
    }
  }
}
