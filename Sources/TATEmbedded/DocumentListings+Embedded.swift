import TATCore

// The listings the store keeps as documents (`DocumentTables`): agents,
// registered instances, invokers and invoker records.

extension DescribeAutomationAgentStatusRequest: EmbeddedAnswerable {
  func answer(from tat: EmbeddedTAT) async throws -> DescribeAutomationAgentStatusResponse {
    let page = try await tat.list(
      DocumentTables.agents, for: self, ids: instanceIds, filters: filters, limit: limit, offset: offset)
    return DescribeAutomationAgentStatusResponse(
      automationAgentSet: page.items, totalCount: page.total, requestId: page.requestId)
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
