import Foundation
import TATCore
import TATEmbedded
import Testing

@Suite("The seed page's worked example in the embedded store")
struct SeedExampleTests {
  @Test("the page's request returns the page's response, field for field")
  func workedExample() async throws {
    let expected = try seedPageInvocation()
    try await withStore(invocationCount: 50) { store in
      let response = try await store.describeInvocations(
        DescribeInvocationsRequest(invocationIds: ["inv-q4zp60g0"], limit: 1, offset: 0))
      #expect(response.totalCount == 1)
      #expect(response.invocationSet.count == 1)
      let invocation = try #require(response.invocationSet.first)
      #expect(invocation == expected)
      // Spelled out as well, so that a difference names its field.
      #expect(invocation.invocationId == expected.invocationId)
      #expect(invocation.commandId == expected.commandId)
      #expect(invocation.commandName == expected.commandName)
      #expect(invocation.invocationStatus == expected.invocationStatus)
      #expect(invocation.invocationTaskBasicInfoSet == expected.invocationTaskBasicInfoSet)
      #expect(invocation.description == expected.description)
      #expect(invocation.startTime == expected.startTime)
      #expect(invocation.endTime == expected.endTime)
      #expect(invocation.createdTime == expected.createdTime)
      #expect(invocation.updatedTime == expected.updatedTime)
      #expect(invocation.parameters == expected.parameters)
      #expect(invocation.defaultParameters == expected.defaultParameters)
      #expect(invocation.instanceKind == expected.instanceKind)
      #expect(invocation.username == expected.username)
      #expect(invocation.invocationSource == expected.invocationSource)
      #expect(invocation.commandContent == expected.commandContent)
      #expect(invocation.commandType == expected.commandType)
      #expect(invocation.timeout == expected.timeout)
      #expect(invocation.workingDirectory == expected.workingDirectory)
      #expect(invocation.outputCOSBucketUrl == expected.outputCOSBucketUrl)
      #expect(invocation.outputCOSKeyPrefix == expected.outputCOSKeyPrefix)
      // A fresh RequestId, not the page's.
      #expect(response.requestId != "958a3603-d0c3-4c97-a37d-6bc24eacddac")
      #expect(UUID(uuidString: response.requestId) != nil)
    }
  }

  @Test(
    "the example is in every store, whatever the seed and size",
    arguments: [(0, 1), (1, 99), (25, 12_345)])
  func alwaysPresent(invocationCount: Int, seed: UInt64) async throws {
    let expected = try seedPageInvocation()
    try await withStore(invocationCount: invocationCount, seed: seed) { store in
      let response = try await store.describeInvocations(
        DescribeInvocationsRequest(invocationIds: ["inv-q4zp60g0"], limit: 1, offset: 0))
      #expect(response.invocationSet == [expected])
      #expect(try await store.invocationCount() == invocationCount + 1)
    }
  }

  @Test("the example's three tasks are what its basic info says")
  func exampleTasks() async throws {
    let expected = try seedPageInvocation()
    try await withStore(invocationCount: 20) { store in
      let response = try await store.describeInvocationTasks(
        DescribeInvocationTasksRequest(
          filters: [Filter(name: "invocation-id", values: ["inv-q4zp60g0"])], hideOutput: false))
      #expect(response.totalCount == 3)
      let basics = response.invocationTaskSet.map {
        InvocationTaskBasicInfo(
          invocationTaskId: $0.invocationTaskId, taskStatus: $0.taskStatus,
          instanceId: $0.instanceId)
      }
      #expect(Set(basics) == Set(expected.invocationTaskBasicInfoSet))
      for task in response.invocationTaskSet {
        #expect(task.invocationId == "inv-q4zp60g0")
        #expect(task.commandId == "cmd-9dxzty3m")
        #expect(task.taskResult?.exitCode == 0)
        let output = try #require(task.taskResult?.output)
        #expect(
          Data(base64Encoded: output).map { String(decoding: $0, as: UTF8.self) } == "/root\n")
        #expect(task.commandDocument?.content == "cHdk")
        #expect(task.commandDocument?.workingDirectory == "/root")
        #expect(task.createdTime == "2020-11-09T07:21:59+00:00")
      }
    }
  }

  @Test("filters find the example by its command and its creator")
  func exampleThroughFilters() async throws {
    try await withStore(invocationCount: 80) { store in
      let byCommand = try await store.describeInvocations(
        DescribeInvocationsRequest(filters: [Filter(name: "command-id", values: ["cmd-9dxzty3m"])]))
      #expect(byCommand.totalCount == 1)
      #expect(byCommand.invocationSet.map(\.invocationId) == ["inv-q4zp60g0"])

      let byID = try await store.describeInvocations(
        DescribeInvocationsRequest(filters: [
          Filter(name: "invocation-id", values: ["inv-q4zp60g0"])
        ]))
      #expect(byID.invocationSet.map(\.invocationId) == ["inv-q4zp60g0"])

      let user = try await store.allInvocations(filters: [
        Filter(name: "command-created-by", values: ["USER"])
      ])
      let tat = try await store.allInvocations(filters: [
        Filter(name: "command-created-by", values: ["TAT"])
      ])
      #expect(user.contains { $0.invocationId == "inv-q4zp60g0" })
      #expect(!tat.contains { $0.invocationId == "inv-q4zp60g0" })
    }
  }

  @Test("the example's command is stored as a user command")
  func exampleCommand() async throws {
    try await withStore(invocationCount: 5) { store in
      let response = try await store.describeCommands(
        DescribeCommandsRequest(commandIds: ["cmd-9dxzty3m"]))
      #expect(response.totalCount == 1)
      let command = try #require(response.commandSet.first)
      #expect(command.commandId == "cmd-9dxzty3m")
      #expect(command.createdBy == "USER")
      #expect(command.content == "cHdk")
      #expect(command.defaultParameters == #"{"k1":"v1"}"#)
    }
  }
}
