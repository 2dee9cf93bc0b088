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
}
