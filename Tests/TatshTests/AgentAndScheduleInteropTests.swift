import Foundation
import TatshTestSupport
import Testing

/// The official SDK for Python reads agents, registered instances, invokers
/// and invoker records from `tatsh serve`, and switches an invoker only when
/// serve allows changes; each action's errors come back with their codes.
@Suite struct AgentAndScheduleInteropTests {
  static let key = ["--secret-id", "AKIDsched", "--secret-key", "sched-key"]

  func call(_ port: Int, _ action: String, _ parameters: String = "{}") throws -> [String: Any] {
    let printed = try ServeSecurityTests.call(port, "AKIDsched", "sched-key", action, parameters)
    try #require(printed.hasPrefix("OK "), "\(action) \(parameters): \(printed)")
    return try #require(
      try JSONSerialization.jsonObject(with: Data(printed.dropFirst("OK ".count).utf8)) as? [String: Any])
  }

  /// The code of a call that must fail, with a RequestId.
  func failure(_ port: Int, _ action: String, _ parameters: String) throws -> String {
    let printed = try ServeSecurityTests.call(port, "AKIDsched", "sched-key", action, parameters)
    let words = printed.split(separator: " ")
    try #require(words.first == "ERROR" && words.count >= 3, "\(action) \(parameters): \(printed)")
    #expect(words[2].count == 36, "a RequestId: \(printed)")
    return String(words[1])
  }

  @Test func theSDKReadsEachNewListingAndGetsItsErrors() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    #expect(try tatsh.run(["seed"]).status == 0)
    let (server, port) = try tatsh.startServer(Self.key)
    defer {
      server.terminate()
      server.waitUntilExit()
    }
    let offline = try call(
      port, "DescribeAutomationAgentStatus", #"{"Filters":[{"Name":"agent-status","Values":["Offline"]}]}"#)
    let agents = try #require(offline["AutomationAgentSet"] as? [[String: Any]])
    #expect(offline["TotalCount"] as? Int == 5 && agents.count == 5)
    for agent in agents {
      #expect(agent["AgentStatus"] as? String == "Offline")
      #expect(
        Set(agent.keys) == [
          "InstanceId", "Version", "LastHeartbeatTime", "AgentStatus", "Environment", "SupportFeatures",
        ])
    }
    #expect(
      try failure(port, "DescribeAutomationAgentStatus", #"{"InstanceIds":["i-1"]}"#)
        == "InvalidParameterValue.InvalidInstanceId")
    #expect(
      try failure(
        port, "DescribeAutomationAgentStatus",
        #"{"InstanceIds":["mi-local001"],"Filters":[{"Name":"environment","Values":["Linux"]}]}"#)
        == "InvalidParameter.ConflictParameter")

    let registered = try call(port, "DescribeRegisterInstances", #"{"InstanceIds":["mi-local001"]}"#)
    let local = try #require((registered["RegisterInstanceSet"] as? [[String: Any]])?.first)
    #expect(local["InstanceId"] as? String == "mi-local001" && local["Status"] as? String == "Online")
    #expect(local["LocalIp"] as? String == "127.0.0.1" && local["SystemName"] as? String == "Linux")
    #expect(
      try failure(port, "DescribeRegisterInstances", #"{"InstanceIds":["ins-12345678"]}"#)
        == "InvalidParameterValue.InvalidRegisterInstanceId")
    #expect(
      try failure(port, "DescribeRegisterInstances", #"{"Limit":500}"#)
        == "InvalidParameterValue.LimitExceeded")

    let listed = try call(
      port, "DescribeInvokers", #"{"Filters":[{"Name":"invoker-type","Values":["SCHEDULE"]}]}"#)
    let invokers = try #require(listed["InvokerSet"] as? [[String: Any]])
    #expect(invokers.count == 4)
    let hourly = try #require(invokers.first { $0["Name"] as? String == "hourly-disk-check" })
    let schedule = try #require(hourly["ScheduleSettings"] as? [String: Any])
    #expect(schedule["Policy"] as? String == "RECURRENCE" && schedule["Recurrence"] as? String == "0 * * * *")
    #expect(
      try failure(port, "DescribeInvokers", #"{"InvokerIds":["ivk-1"]}"#)
        == "InvalidParameterValue.InvalidInvokerId")
    #expect(
      try failure(port, "DescribeInvokers", #"{"Filters":[{"Name":"invoker-name","Values":["x"]}]}"#)
        == "InvalidParameterValue.InvalidFilter")

    let hourlyId = try #require(hourly["InvokerId"] as? String)
    let history = try call(port, "DescribeInvokerRecords", #"{"InvokerIds":["\#(hourlyId)"],"Limit":100}"#)
    let records = try #require(history["InvokerRecordSet"] as? [[String: Any]])
    #expect(history["TotalCount"] as? Int == records.count && records.count == 30)
    let times = records.compactMap {
      ($0["InvokeTime"] as? String).flatMap(ISO8601DateFormatter().date(from:))
    }
    #expect(times.count == 30)
    #expect(
      zip(times, times.dropFirst()).allSatisfy { $0.timeIntervalSince($1) == 3600 }, "hourly, newest first")
    // The invocation a record names is there, made by an invoker, and ended as the record says.
    let first = try #require(records.first)
    let invocationId = try #require(first["InvocationId"] as? String)
    let invocation = try #require(
      (try call(port, "DescribeInvocations", #"{"InvocationIds":["\#(invocationId)"]}"#)["InvocationSet"]
        as? [[String: Any]])?.first)
    #expect(invocation["InvocationSource"] as? String == "INVOKER")
    #expect(invocation["InvocationStatus"] as? String == first["Result"] as? String)
    #expect(try failure(port, "DescribeInvokerRecords", #"{"Offset":-5}"#) == "InvalidParameterValue")
    #expect(
      try failure(port, "DescribeInvokerRecords", #"{"InvokerIds":["cmd-12345678"]}"#)
        == "InvalidParameterValue.InvalidInvokerId")
    // Switching is a change: refused by a serve that only reads.
    #expect(try failure(port, "DisableInvoker", #"{"InvokerId":"\#(hourlyId)"}"#) == "UnauthorizedOperation")
  }

  @Test func theSDKSwitchesAnInvokerOffAndOnThroughAServeThatAllowsIt() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    #expect(try tatsh.run(["seed"]).status == 0)
    let (server, port) = try tatsh.startServer(Self.key + ["--allow-run"])
    defer {
      server.terminate()
      server.waitUntilExit()
    }
    let invokers = try #require(try call(port, "DescribeInvokers")["InvokerSet"] as? [[String: Any]])
    let nightly = try #require(invokers.first { $0["Name"] as? String == "nightly-mysql-backup" })
    let id = try #require(nightly["InvokerId"] as? String)
    #expect(nightly["Enable"] as? Bool == true)
    func enabled() throws -> Bool? {
      (try call(port, "DescribeInvokers", #"{"InvokerIds":["\#(id)"]}"#)["InvokerSet"] as? [[String: Any]])?
        .first?["Enable"] as? Bool
    }
    #expect(
      (try call(port, "DisableInvoker", #"{"InvokerId":"\#(id)"}"#)["RequestId"] as? String)?.count == 36)
    #expect(try enabled() == false)
    #expect(try call(port, "EnableInvoker", #"{"InvokerId":"\#(id)"}"#)["RequestId"] != nil)
    #expect(try enabled() == true)
    #expect(try failure(port, "EnableInvoker", #"{"InvokerId":"ivk-00000000"}"#) == "ResourceNotFound")
    #expect(
      try failure(port, "DisableInvoker", #"{"InvokerId":"inv-q4zp60g0"}"#)
        == "InvalidParameterValue.InvalidInvokerId")
    #expect(try failure(port, "EnableInvoker", "{}") == "MissingParameter")
  }
}
