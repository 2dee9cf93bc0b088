import Foundation
import TATCore

/// A backend holding agents, invokers and invokers' records in memory,
/// answering as the API does (validation, `Limit` and `Offset`, filters) and
/// keeping every request, so that tests can see what a stage asked.
final class ScheduleDouble: TATService, @unchecked Sendable {
  let name = "double"
  let asksBeforeChanges: Bool
  private let lock = NSLock()
  private var agents: [AutomationAgentInfo]
  private var invokers: [Invoker]
  /// Newest first, as the API lists them.
  private let records: [InvokerRecord]
  private var sent: [any TATRequest] = []

  init(
    agents: [AutomationAgentInfo] = [], invokers: [Invoker] = [], records: [InvokerRecord] = [],
    asksBeforeChanges: Bool = false
  ) {
    self.agents = agents
    self.invokers = invokers
    self.records = records
    self.asksBeforeChanges = asksBeforeChanges
  }

  /// The requests of one type, in the order they were sent.
  func requests<Request: TATRequest>(_ type: Request.Type) -> [Request] {
    lock.withLock { sent.compactMap { $0 as? Request } }
  }

  func send<Request: TATRequest>(_ request: Request) async throws -> Request.Response {
    try request.validate()
    return try lock.withLock {
      sent.append(request)
      return try answer(request)
    }
  }

  private func answer<Request: TATRequest>(_ request: Request) throws -> Request.Response {
    switch request {
    case let request as DescribeAutomationAgentStatusRequest:
      var matching = agents
      if let ids = request.instanceIds { matching = matching.filter { ids.contains($0.instanceId) } }
      for filter in request.filters ?? [] {
        matching = matching.filter { agent in
          switch filter.name {
          case "agent-status": filter.values.contains(agent.agentStatus)
          case "environment": filter.values.contains(agent.environment)
          default: filter.values.contains(agent.instanceId)
          }
        }
      }
      return DescribeAutomationAgentStatusResponse(
        automationAgentSet: page(matching, request.limit, request.offset), totalCount: matching.count,
        requestId: "double") as! Request.Response
    case let request as DescribeInvokersRequest:
      var matching = invokers
      if let ids = request.invokerIds { matching = matching.filter { ids.contains($0.invokerId) } }
      for filter in request.filters ?? [] {
        matching = matching.filter { invoker in
          switch filter.name {
          case "command-id": filter.values.contains(invoker.commandId)
          case "invoker-id": filter.values.contains(invoker.invokerId)
          default: filter.values.contains(invoker.type)
          }
        }
      }
      return DescribeInvokersResponse(
        totalCount: matching.count, invokerSet: page(matching, request.limit, request.offset),
        requestId: "double") as! Request.Response
    case let request as DescribeInvokerRecordsRequest:
      let matching = records.filter { request.invokerIds?.contains($0.invokerId) ?? true }
      return DescribeInvokerRecordsResponse(
        totalCount: matching.count, invokerRecordSet: page(matching, request.limit, request.offset),
        requestId: "double") as! Request.Response
    case let request as any InvokerSwitchRequest:
      guard let index = invokers.firstIndex(where: { $0.invokerId == request.invokerId }) else {
        throw TATError(code: TATError.Code.resourceNotFound, message: "no invoker \(request.invokerId ?? "")")
      }
      invokers[index].enable = type(of: request).enables
      return InvokerSwitchResponse(requestId: "double") as! Request.Response
    default:
      throw TATError(code: "UnsupportedOperation", message: "\(Request.action) is not answered here")
    }
  }

  private func page<Item>(_ items: [Item], _ limit: Int?, _ offset: Int?) -> [Item] {
    Array(items.dropFirst(offset ?? 0).prefix(limit ?? 20))
  }

  /// An agent, online unless told.
  static func agent(_ instanceId: String, status: String = "Online") -> AutomationAgentInfo {
    AutomationAgentInfo(
      instanceId: instanceId, version: "1.1.8", lastHeartbeatTime: "2026-11-28T23:59:00+00:00",
      agentStatus: status, environment: "Linux", supportFeatures: ["SHELL"])
  }

  /// A recurring invoker of `commandId`.
  static func invoker(_ invokerId: String, command commandId: String, enabled: Bool = true) -> Invoker {
    Invoker(
      invokerId: invokerId, name: "job-" + invokerId, commandId: commandId, username: "root",
      parameters: "{}", instanceIds: ["ins-00000001"], enable: enabled,
      scheduleSettings: ScheduleSettings(policy: ScheduleSettings.recurrence, recurrence: "0 * * * *"),
      createdTime: "2026-11-01T00:00:00+00:00", updatedTime: "2026-11-01T00:00:00+00:00", tags: [])
  }

  /// `count` ids of the form `prefix` and eight characters: `ins-00000001`…
  static func ids(_ prefix: String, _ count: Int, from start: Int = 1) -> [String] {
    (start..<start + count).map { prefix + String(repeating: "0", count: 8 - String($0).count) + String($0) }
  }
}
