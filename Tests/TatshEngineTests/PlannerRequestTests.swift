import TATCore
import Testing

@testable import TatshEngine

/// What a pipeline asks the API: the planner's promise to ask as little as possible.
@Suite struct PlannerRequestTests {
  @Test func failedTasksUseTheLowerBoundOfRequests() async throws {
    let fixture = try Fixture(invocations: 1_000)
    defer { fixture.remove() }
    let all = try await fixture.allInvocations()
    let failed = all.filter { $0.invocationStatus == "FAILED" }
    let failedTasks = failed.reduce(0) { $0 + $1.invocationTaskBasicInfoSet.count }
    #expect(failedTasks > 100)

    let result = await fixture.run("invocations where status=FAILED | tasks")
    #expect(result.status == .success, "\(result.errors)")
    #expect(result.records.count == failedTasks)
    let invocationRequests = await fixture.service.log.invocations
    let taskRequests = await fixture.service.log.tasks
    #expect(invocationRequests.count == (all.count + 99) / 100)
    #expect(taskRequests.count == (failedTasks + 99) / 100)
    #expect(taskRequests.allSatisfy { $0.hideOutput == false && ($0.invocationTaskIds?.count ?? 0) <= 100 })
    #expect(invocationRequests.allSatisfy { $0.limit == 100 })
  }

  @Test func filterFieldsArePushedIntoTheRequest() async throws {
    let fixture = try Fixture()
    defer { fixture.remove() }
    let result = await fixture.run("invocations where command-created-by=TAT and kind=cvm and status=FAILED")
    #expect(result.status == .success, "\(result.errors)")
    let requests = await fixture.service.log.invocations
    let filters = try #require(requests.first?.filters)
    #expect(
      Set(filters) == [
        Filter(name: "command-created-by", values: ["TAT"]), Filter(name: "instance-kind", values: ["CVM"]),
      ])
    let all = try await fixture.allInvocations()
    let tatCommands = Set(
      try await fixture.store.describeCommands(
        DescribeCommandsRequest(filters: [Filter(name: "created-by", values: ["TAT"])], limit: 100)
      ).commandSet.map(\.commandId))
    let expected = all.filter {
      tatCommands.contains($0.commandId) && $0.instanceKind == "CVM" && $0.invocationStatus == "FAILED"
    }
    #expect(!expected.isEmpty)
    #expect(result.records.map { $0["InvocationId"] as! String } == expected.map(\.invocationId))
  }

  @Test func membershipBecomesAFilterWithSeveralValues() async throws {
    let fixture = try Fixture()
    defer { fixture.remove() }
    let ids = try await fixture.allInvocations().prefix(3).map(\.invocationId)
    let result = await fixture.run("invocations where id in (\(ids.joined(separator: ", ")))")
    #expect(result.records.map { $0["InvocationId"] as! String } == ids)
    let filters = await fixture.service.log.invocations.first?.filters
    #expect(filters == [Filter(name: "invocation-id", values: ids)])
  }

  @Test func firstStopsPagingAndShrinksTheLimit() async throws {
    let fixture = try Fixture()
    defer { fixture.remove() }
    let result = await fixture.run("invocations | first 5")
    #expect(result.records.count == 5)
    let requests = await fixture.service.log.invocations
    #expect(requests.count == 1)
    #expect(requests.first?.limit == 5)
  }

  @Test func firstAfterAClientSideFilterStopsOnceItHasEnough() async throws {
    let fixture = try Fixture(invocations: 1_000)
    defer { fixture.remove() }
    let result = await fixture.run("invocations where status=SUCCESS | first 3")
    #expect(result.records.count == 3)
    #expect(await fixture.service.log.invocations.count == 1)
  }

  @Test func taskConditionsAreDecidedBeforeTasksAreFetched() async throws {
    let fixture = try Fixture()
    defer { fixture.remove() }
    let all = try await fixture.allInvocations()
    let failedTaskIds = all.flatMap(\.invocationTaskBasicInfoSet).filter { $0.taskStatus == "FAILED" }.map(
      \.invocationTaskId)
    let result = await fixture.run("invocations | tasks | where status=FAILED")
    #expect(result.records.map { $0["InvocationTaskId"] as! String } == failedTaskIds)
    // Batches are fetched several at once, so they may arrive in any order.
    let asked = await fixture.service.log.tasks.flatMap { $0.invocationTaskIds ?? [] }
    #expect(asked.sorted() == failedTaskIds.sorted())
  }

  @Test func explicitIdsGoAsInvocationIdsInBatchesOfAHundred() async throws {
    let fixture = try Fixture()
    defer { fixture.remove() }
    let ids = try await fixture.allInvocations().prefix(150).map(\.invocationId)
    let result = await fixture.run("invocations \(ids.joined(separator: " ")) | count")
    #expect(result.records.first?["count"] as? Int == 150)
    let requests = await fixture.service.log.invocations
    #expect(requests.compactMap { $0.invocationIds?.count }.sorted() == [50, 100])
    #expect(requests.allSatisfy { $0.filters == nil })
  }

  @Test func idsAndAPushableConditionCombineAsFilters() async throws {
    let fixture = try Fixture()
    defer { fixture.remove() }
    let invocation = try #require(try await fixture.allInvocations().first { $0.instanceKind == "CVM" })
    let result = await fixture.run("invocations \(invocation.invocationId) where kind=CVM")
    #expect(result.records.count == 1)
    let request = try #require(await fixture.service.log.invocations.first)
    #expect(request.invocationIds == nil)
    #expect(
      Set(request.filters ?? []).contains(Filter(name: "invocation-id", values: [invocation.invocationId])))
  }
}
