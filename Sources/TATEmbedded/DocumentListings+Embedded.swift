import TATCore

// The listings the store keeps as documents (`DocumentTables`): agents,
// registered instances, invokers and invoker records.

extension DescribeAutomationAgentStatusRequest: EmbeddedAnswerable {
  func answer(from tat: EmbeddedTAT) async throws -> DescribeAutomationAgentStatusResponse {
    let table = DocumentTables.agents
    let condition = table.condition(ids: instanceIds, filters: filters)
    let page = Page(limit, offset)
    return try await tat.answer(self) { db, requestId in
      let (total, agents) = try table.page(matching: condition, page, in: db)
      return DescribeAutomationAgentStatusResponse(
        automationAgentSet: agents, totalCount: total, requestId: requestId)
    }
  }
}

extension DescribeRegisterInstancesRequest: EmbeddedAnswerable {
  func answer(from tat: EmbeddedTAT) async throws -> DescribeRegisterInstancesResponse {
    let table = DocumentTables.registeredInstances
    let condition = table.condition(ids: instanceIds, filters: filters)
    let page = Page(limit, offset)
    return try await tat.answer(self) { db, requestId in
      let (total, instances) = try table.page(matching: condition, page, in: db)
      return DescribeRegisterInstancesResponse(
        totalCount: total, registerInstanceSet: instances, requestId: requestId)
    }
  }
}

extension DescribeInvokersRequest: EmbeddedAnswerable {
  func answer(from tat: EmbeddedTAT) async throws -> DescribeInvokersResponse {
    let table = DocumentTables.invokers
    let condition = table.condition(ids: invokerIds, filters: filters)
    let page = Page(limit, offset)
    return try await tat.answer(self) { db, requestId in
      let (total, invokers) = try table.page(matching: condition, page, in: db)
      return DescribeInvokersResponse(totalCount: total, invokerSet: invokers, requestId: requestId)
    }
  }
}

extension DescribeInvokerRecordsRequest: EmbeddedAnswerable {
  func answer(from tat: EmbeddedTAT) async throws -> DescribeInvokerRecordsResponse {
    let table = DocumentTables.invokerRecords
    let condition = table.condition(ids: invokerIds, filters: nil)
    let page = Page(limit, offset)
    return try await tat.answer(self) { db, requestId in
      let (total, records) = try table.page(matching: condition, page, in: db)
      return DescribeInvokerRecordsResponse(
        totalCount: total, invokerRecordSet: records, requestId: requestId)
    }
  }
}
