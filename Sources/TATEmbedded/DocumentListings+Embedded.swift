import Foundation
import TATCore

// The listings the store keeps as documents (`DocumentTables`): agents,
// registered instances, invokers and invoker records.

extension DescribeAutomationAgentStatusRequest: EmbeddedAnswerable {
  func answer(from tat: EmbeddedTAT) async throws -> DescribeAutomationAgentStatusResponse {
    let page = try await tat.list(
      DocumentTables.agents, for: self, ids: instanceIds, filters: filters, limit: limit, offset: offset)
    return DescribeAutomationAgentStatusResponse(
      automationAgentSet: page.items.map(\.reportingNow), totalCount: page.total, requestId: page.requestId)
  }
}

extension AutomationAgentInfo {
  /// The agent as it reports at this moment: an online agent reports every
  /// minute, so its last heartbeat is within the last one (the same for a
  /// minute, a few seconds apart from agent to agent); an offline one's
  /// stays when it stopped.
  var reportingNow: AutomationAgentInfo {
    guard agentStatus == AgentStatus.online.rawValue else { return self }
    var agent = self
    let minute = Int(Date().timeIntervalSince1970) / 60 * 60
    let spread = Int(instanceId.utf8.reduce(UInt32(7)) { $0 &* 31 &+ UInt32($1) } % 50)
    agent.lastHeartbeatTime = APITimestamp.string(fromEpochSeconds: minute - 5 - spread)
    return agent
  }
}

extension DescribeRegisterInstancesRequest: EmbeddedAnswerable {
  func answer(from tat: EmbeddedTAT) async throws -> DescribeRegisterInstancesResponse {
    let page = try await tat.list(
      DocumentTables.registeredInstances, for: self, ids: instanceIds, filters: filters, limit: limit,
      offset: offset)
    return DescribeRegisterInstancesResponse(
      totalCount: page.total, registerInstanceSet: page.items, requestId: page.requestId)
  }
}

extension DescribeInvokersRequest: EmbeddedAnswerable {
  func answer(from tat: EmbeddedTAT) async throws -> DescribeInvokersResponse {
    let page = try await tat.list(
      DocumentTables.invokers, for: self, ids: invokerIds, filters: filters, limit: limit, offset: offset)
    return DescribeInvokersResponse(totalCount: page.total, invokerSet: page.items, requestId: page.requestId)
  }
}

extension DescribeInvokerRecordsRequest: EmbeddedAnswerable {
  func answer(from tat: EmbeddedTAT) async throws -> DescribeInvokerRecordsResponse {
    let page = try await tat.list(
      DocumentTables.invokerRecords, for: self, ids: invokerIds, filters: nil, limit: limit, offset: offset)
    return DescribeInvokerRecordsResponse(
      totalCount: page.total, invokerRecordSet: page.items, requestId: page.requestId)
  }
}

extension EmbeddedTAT {
  /// One page of `table` for a listing request, with the count of all that match.
  func list<Item>(
    _ table: DocumentTable<Item>, for request: some TATRequest, ids: [String]?, filters: [Filter]?,
    limit: Int?, offset: Int?
  ) async throws -> (total: Int, items: [Item], requestId: String) {
    let condition = table.condition(ids: ids, filters: filters)
    let page = Page(limit, offset)
    return try await answer(request) { db, requestId in
      let (total, items) = try table.page(matching: condition, page, in: db)
      return (total, items, requestId)
    }
  }
}
