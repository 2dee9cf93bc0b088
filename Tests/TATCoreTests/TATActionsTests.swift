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
}
