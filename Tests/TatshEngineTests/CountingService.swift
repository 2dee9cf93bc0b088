import TATCore

/// The requests a pipeline made, in order.
actor RequestLog {
  var invocations: [DescribeInvocationsRequest] = []
  var tasks: [DescribeInvocationTasksRequest] = []
  var commands: [DescribeCommandsRequest] = []

  func record(_ request: DescribeInvocationsRequest) { invocations.append(request) }
  func record(_ request: DescribeInvocationTasksRequest) { tasks.append(request) }
  func record(_ request: DescribeCommandsRequest) { commands.append(request) }
}

/// A backend that forwards to a real one and records every request, so tests
/// can count and inspect what a pipeline asked the API.
struct CountingService: TATService {
  let backend: any TATService
  let log = RequestLog()
  var name: String { backend.name }

  func send<Request: TATRequest>(_ request: Request) async throws -> Request.Response {
    switch request {
    case let request as DescribeInvocationsRequest: await log.record(request)
    case let request as DescribeInvocationTasksRequest: await log.record(request)
    case let request as DescribeCommandsRequest: await log.record(request)
    default: break
    }
    return try await backend.send(request)
  }
}
