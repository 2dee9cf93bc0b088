import Foundation
import TatshTestSupport
import Testing

/// Agents, registered instances and invokers, through the binary on the
/// demo store: the agents explain undelivered tasks, invokers are found from
/// their invocations, and switching one off asks first as `cancel` does.
@Suite struct ScheduleTests {
  static func lines(_ text: String) -> [[String: Any]] {
    text.split(separator: "\n").compactMap {
      try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
    }
  }

  @Test func tasksNeverDeliveredAreOnInstancesWhoseAgentIsOffline() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let grouped = try tatsh.run([
      "--verbose", "-c", "tasks where status=DELIVER_FAILED | agent | group by Agent.AgentStatus",
    ])
    #expect(grouped.status == 0, "\(grouped.standardError)")
    let groups = Self.lines(grouped.standardOutput)
    #expect(groups.count == 1, "\(grouped.standardOutput)")
    #expect(groups.first?["Agent.AgentStatus"] as? String == "Offline")
    #expect((groups.first?["count"] as? Int ?? 0) > 0)
    #expect(grouped.standardError.contains("DescribeAutomationAgentStatus {\"InstanceIds\":["))

    let offline = try tatsh.run(["--verbose", "-c", "agents where status=offline | count"])
    #expect(offline.status == 0, "\(offline.standardError)")
    #expect(
      offline.standardError.contains(
        #"DescribeAutomationAgentStatus {"Filters":[{"Name":"agent-status","Values":["Offline"]}]"#),
      "\(offline.standardError)")
    let explained = try tatsh.run(["-c", "explain agents where status=Offline and os=linux"])
    #expect(
      explained.standardOutput.hasPrefix(
        "DescribeAutomationAgentStatus: Filters: agent-status=[Offline] environment=[Linux], Limit=100"),
      "\(explained.standardOutput)")
    let registered = try tatsh.run(["-c", "registered | agent | select id, Agent.AgentStatus"])
    #expect(registered.status == 0, "\(registered.standardError)")
    let agents = Self.lines(registered.standardOutput)
    #expect(agents.count >= 3 && agents.allSatisfy { $0["Agent.AgentStatus"] as? String == "Online" })
  }

  @Test func invocationsAnInvokerMadeLeadToTheirInvokers() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let result = try tatsh.run(["-c", "invocations where source=INVOKER | first 3 | invoker"])
    #expect(result.status == 0, "\(result.standardError)")
    let invokers = Self.lines(result.standardOutput)
    #expect(!invokers.isEmpty && invokers.count <= 3)
    #expect(invokers.allSatisfy { ($0["InvokerId"] as? String)?.hasPrefix("ivk-") == true })
    #expect(!result.standardError.contains("warning"), "\(result.standardError)")

    let mixed = try tatsh.run(["-c", "invocations | invoker | count"])
    #expect(mixed.status == 0, "\(mixed.standardError)")
    #expect(mixed.standardError.contains("invoker: warning: "), "\(mixed.standardError)")
    #expect(mixed.standardError.contains("made by a user (InvocationSource USER), not by an invoker"))
    let all = try tatsh.run(["-c", "invokers | count"])
    let found = Self.lines(mixed.standardOutput).first?["count"] as? Int ?? 0
    let every = Self.lines(all.standardOutput).first?["count"] as? Int ?? 0
    #expect(found > 0 && found <= every, "\(found) of \(every)")

    let records = try tatsh.run([
      "-c", "invokers | first 1 | invoker-records | invocation | uniq source | get source",
    ])
    #expect(records.status == 0, "\(records.standardError)")
    #expect(records.standardOutput == #"{"value":"INVOKER"}"# + "\n", "\(records.standardOutput)")
  }

  @Test func disableSwitchesAnInvokerOffAndAsksFirstOnTheCloud() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let disabled = try tatsh.run([
      "-c", "invokers where enabled=true | first 1 | disable --yes | select id, enabled",
    ])
    #expect(disabled.status == 0, "\(disabled.standardError)")
    let id = try #require(Self.lines(disabled.standardOutput).first?["InvokerId"] as? String)
    #expect(disabled.standardOutput == #"{"InvokerId":"\#(id)","Enable":false}"# + "\n")
    let after = try tatsh.run(["-c", "invokers \(id) | select enabled"])
    #expect(after.standardOutput == #"{"Enable":false}"# + "\n", "\(after.standardError)")

    // Through `tatsh serve`, the cloud backend asks first; a script without --yes is refused.
    let (server, port) = try tatsh.startServer([
      "--secret-id", "AKIDinvoker", "--secret-key", "invoker-key", "--allow-run",
    ])
    defer {
      server.terminate()
      server.waitUntilExit()
    }
    let cloud = ["TENCENTCLOUD_SECRET_ID": "AKIDinvoker", "TENCENTCLOUD_SECRET_KEY": "invoker-key"]
    let endpoint = ["--endpoint", "http://127.0.0.1:\(port)"]
    let refused = try tatsh.run(endpoint + ["-c", "invokers \(id) | enable"], environment: cloud)
    #expect(refused.status == 1)
    #expect(
      refused.standardError.contains("enable: EnableInvoker on 1 invoker (\(id))"), "\(refused.standardError)"
    )
    #expect(refused.standardError.contains("add --yes to do it without asking"), "\(refused.standardError)")
    let still = try tatsh.run(["--backend", "embedded", "-c", "invokers \(id) | select enabled"])
    #expect(still.standardOutput == #"{"Enable":false}"# + "\n")
    let enabled = try tatsh.run(
      endpoint + ["-c", "invokers \(id) | enable --yes | select enabled"], environment: cloud)
    #expect(enabled.status == 0, "\(enabled.standardError)")
    #expect(enabled.standardOutput == #"{"Enable":true}"# + "\n")
  }

  @Test func badInputNamesItsStageAndColumn() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let value = try tatsh.run(["-c", "agents where status=Onlien"])
    #expect(value.status == 2)
    #expect(
      value.standardError.contains(
        "-c:1:21: error: 'Onlien' is not a value of AgentStatus (one of Online, Offline)"),
      "\(value.standardError)")
    #expect(value.standardError.contains("did you mean 'Online'?"))
    let field = try tatsh.run(["-c", "tasks | agent | where Agent.versoin = 1.1.8"])
    #expect(field.status == 2)
    #expect(
      field.standardError.contains(
        "-c:1:23: error: unknown field 'Agent.versoin': Agent holds the fields of agents"),
      "\(field.standardError)")
    let stage = try tatsh.run(["-c", "commands | invoker"])
    #expect(stage.status == 2)
    #expect(
      stage.standardError.contains("-c:1:12: error: 'invoker' needs invocations or tasks"),
      "\(stage.standardError)")
    let id = try tatsh.run(["-c", "invokers inv-00000001"])
    #expect(id.status == 1)
    #expect(id.standardError.contains("-c:1:1: error: stage 'invokers' failed: "), "\(id.standardError)")
    #expect(id.standardError.contains("InvalidParameterValue.InvalidInvokerId"), "\(id.standardError)")
  }

  /// Every new source and join gives the same records from the embedded
  /// store and from the cloud backend pointed at serve on that store.
  @Test func theCloudBackendGetsTheSameAgentsInvokersAndRecords() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    #expect(try tatsh.run(["seed"]).status == 0)
    let (server, port) = try tatsh.startServer(["--secret-id", "AKIDsame", "--secret-key", "same-key"])
    defer {
      server.terminate()
      server.waitUntilExit()
    }
    let cloud = [
      "TENCENTCLOUD_SECRET_ID": "AKIDsame", "TENCENTCLOUD_SECRET_KEY": "same-key",
      "TENCENTCLOUD_REGION": "ap-guangzhou",
    ]
    for pipeline in [
      "agents where status=Offline", "agents | sort by heartbeat | first 3 | select id, version",
      "registered | agent | select id, name, Agent.AgentStatus",
      "invokers | select id, name, ScheduleSettings.Recurrence, Enable",
      "invoker-records | first 120 | select invoker, InvokeTime, result",
      "invokers | invoker-records | group by InvokerId count",
      "invocations where source=INVOKER | first 40 | invoker | select id",
      "tasks where status in (DELIVER_FAILED, START_FAILED) | agent | group by Agent.Version",
    ] {
      let embedded = try tatsh.run(["--backend", "embedded", "-c", pipeline])
      let remote = try tatsh.run(
        ["--endpoint", "http://127.0.0.1:\(port)", "-c", pipeline], environment: cloud)
      #expect(embedded.status == 0, "\(pipeline): \(embedded.standardError)")
      #expect(remote.status == 0, "\(pipeline): \(remote.standardError)")
      #expect(!embedded.standardOutput.isEmpty, "\(pipeline)")
      #expect(remote.standardOutput == embedded.standardOutput, "\(pipeline)")
    }
  }
}
