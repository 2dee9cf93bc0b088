import Foundation
import TATCore
import Testing

/// The one list of actions, and what each request type says of itself.
@Suite struct TATActionsTests {
  @Test func eachActionIsListedOnceUnderItsName() {
    let names = TATActions.all.map { $0.action }
    #expect(Set(names).count == names.count)
    for type in TATActions.all {
      #expect(TATActions.type(named: type.action) == type)
    }
    #expect(TATActions.type(named: "RunEverything") == nil)
  }

  @Test func theParametersAreTheRequestsCodingKeys() {
    #expect(DescribeInvocationsRequest.parameterNames == ["InvocationIds", "Filters", "Limit", "Offset"])
    #expect(
      DescribeInvocationTasksRequest.parameterNames == [
        "InvocationTaskIds", "Filters", "Limit", "Offset", "HideOutput",
      ])
    #expect(DescribeCommandsRequest.parameterNames == ["CommandIds", "Filters", "Limit", "Offset"])
    #expect(CancelInvocationRequest.parameterNames == ["InvocationId", "InstanceIds"])
    #expect(
      RunCommandRequest.parameterNames.isSuperset(of: ["Content", "InstanceIds", "OutputCOSKeyPrefix"]))
    #expect(InvokeCommandRequest.parameterNames.isSuperset(of: ["CommandId", "InstanceIds", "Parameters"]))
  }

  @Test func aRequestEncodesNoKeyOutsideItsParameters() throws {
    let run = RunCommandRequest(
      content: "cHdk", instanceIds: ["ins-1"], commandName: "n", description: "d", commandType: "SHELL",
      workingDirectory: "/", timeout: 5, saveCommand: true, enableParameter: false, parameters: "{}",
      tags: [Tag(key: "k", value: "v")], username: "root")
    let keys = try #require(
      try JSONSerialization.jsonObject(with: JSONEncoder().encode(run)) as? [String: Any]
    ).keys
    #expect(Set(keys).isSubset(of: RunCommandRequest.parameterNames))
  }

  @Test func eachResponseSumsItselfUpForATrace() {
    #expect(
      DescribeInvocationsResponse(totalCount: 10, invocationSet: [], requestId: "r").summary == "0 of 10")
    #expect(RunCommandResponse(commandId: "cmd-1", invocationId: "inv-1", requestId: "r").summary == "inv-1")
    #expect(InvokeCommandResponse(invocationId: "inv-2", requestId: "r").summary == "inv-2")
    #expect(CancelInvocationResponse(requestId: "r").summary == "cancelled")
  }

  @Test func describeRegionsTakesNoParameterAndDecodesAsTheSDKWritesIt() throws {
    #expect(DescribeRegionsRequest.parameterNames.isEmpty)
    #expect(DescribeRegionsRequest.onlyReads)
    #expect(TATActions.type(named: "DescribeRegions") == DescribeRegionsRequest.self)
    #expect(String(decoding: try JSONEncoder().encode(DescribeRegionsRequest()), as: UTF8.self) == "{}")
    let json = #"""
      {"TotalCount": 2, "RegionSet": [
        {"Region": "ap-guangzhou", "RegionName": "South China (Guangzhou)", "RegionState": "AVAILABLE"},
        {"Region": "ap-tokyo", "RegionName": "Northeast Asia (Tokyo)", "RegionState": "UNAVAILABLE"}],
       "RequestId": "6ef60bec-0242-43af-bb20-270359fb54a7"}
      """#
    let response = try JSONDecoder().decode(DescribeRegionsResponse.self, from: Data(json.utf8))
    #expect(response.totalCount == 2)
    #expect(
      response.regionSet == [
        RegionInfo(region: "ap-guangzhou", regionName: "South China (Guangzhou)", regionState: "AVAILABLE"),
        RegionInfo(region: "ap-tokyo", regionName: "Northeast Asia (Tokyo)", regionState: "UNAVAILABLE"),
      ])
    #expect(response.summary == "2 of 2")
    let encoded = try #require(
      try JSONSerialization.jsonObject(with: JSONEncoder().encode(response)) as? [String: Any])
    #expect(Set(encoded.keys) == ["TotalCount", "RegionSet", "RequestId"])
  }

  @Test func eachKnownRegionHasAName() {
    #expect(Regions.known == Regions.named.map(\.region))
    #expect(Regions.named.allSatisfy { !$0.name.isEmpty })
    #expect(Set(Regions.known).count == Regions.known.count)
  }

  /// The SDK treats every answered field as optional: a cloud answer that
  /// leaves one out, or sends null, keeps the record instead of failing its page.
  @Test func answersWithFieldsMissingOrNullStillDecode() throws {
    let agents = try JSONDecoder().decode(
      DescribeAutomationAgentStatusResponse.self,
      from: Data(
        #"{"AutomationAgentSet":[{"InstanceId":"ins-12345678","AgentStatus":"Online","SupportFeatures":null}],"TotalCount":1,"RequestId":"r"}"#
          .utf8))
    #expect(
      agents.automationAgentSet == [
        AutomationAgentInfo(
          instanceId: "ins-12345678", version: "", lastHeartbeatTime: "", agentStatus: "Online",
          environment: "",
          supportFeatures: [])
      ])
    let invokers = try JSONDecoder().decode(
      DescribeInvokersResponse.self,
      from: Data(
        #"{"InvokerSet":[{"InvokerId":"ivk-12345678","Enable":true,"Tags":null,"ScheduleSettings":{"Policy":"ONCE","InvokeTime":"2026-12-06T21:00:00Z"}}],"TotalCount":1,"RequestId":"r"}"#
          .utf8))
    let invoker = try #require(invokers.invokerSet.first)
    #expect(
      invoker.enable && invoker.tags.isEmpty && invoker.instanceIds.isEmpty && invoker.type == "SCHEDULE")
    #expect(invoker.scheduleSettings == ScheduleSettings(policy: "ONCE", invokeTime: "2026-12-06T21:00:00Z"))
    let registered = try JSONDecoder().decode(
      DescribeRegisterInstancesResponse.self,
      from: Data(
        #"{"RegisterInstanceSet":[{"InstanceId":"mi-12345678"}],"TotalCount":1,"RequestId":"r"}"#.utf8))
    #expect(registered.registerInstanceSet.first?.instanceId == "mi-12345678")
    let records = try JSONDecoder().decode(
      DescribeInvokerRecordsResponse.self,
      from: Data(
        #"{"InvokerRecordSet":[{"InvocationId":"inv-12345678","Reason":null}],"TotalCount":1,"RequestId":"r"}"#
          .utf8))
    #expect(records.invokerRecordSet.first?.invocationId == "inv-12345678")
    // The answer itself must still say who answered.
    #expect(throws: DecodingError.self) {
      try JSONDecoder().decode(
        DescribeInvokersResponse.self, from: Data(#"{"InvokerSet":[],"TotalCount":0}"#.utf8))
    }
  }

  /// docs/API-COVERAGE.md describes every action tatsh speaks, and only those.
  @Test func theCoverageDocumentHasASectionForEachAction() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
    let text = try String(contentsOf: root.appendingPathComponent("docs/API-COVERAGE.md"), encoding: .utf8)
    let headings = text.split(separator: "\n").filter { $0.hasPrefix("## ") }
    let documented = Set(headings.flatMap { $0.dropFirst(3).components(separatedBy: ", ") })
    for type in TATActions.all {
      #expect(documented.contains(type.action), "no section for \(type.action)")
    }
    let spoken = Set(TATActions.all.map { $0.action })
    let actionLike = documented.filter { $0.first?.isUppercase == true && !$0.contains(" ") }
    #expect(
      actionLike.isSubset(of: spoken),
      "sections for actions tatsh does not speak: \(actionLike.subtracting(spoken))")
  }
}
