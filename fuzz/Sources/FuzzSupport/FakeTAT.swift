// What the harnesses share: a small in-memory TAT backend and a way to wait for async work.
import Foundation
import TATCore

/// Runs `work` on the concurrency pool and waits for it: libFuzzer calls in on a plain thread.
public func blocking<T: Sendable>(_ work: @escaping @Sendable () async -> T) -> T {
  let box = ResultBox<T>()
  let done = DispatchSemaphore(value: 0)
  Task.detached {
    box.value = await work()
    done.signal()
  }
  done.wait()
  return box.value!
}

final class ResultBox<T>: @unchecked Sendable { var value: T? }

/// A backend of a few fixed invocations, tasks and commands, with the API's
/// request validation and paging (ids and offset/limit; filters are ignored,
/// which the harnesses do not care about). Changes answer with new ids and
/// change nothing. No network, no files.
public struct FakeTAT: TATService {
  public init() {}
  public var name: String { "fuzz" }

  static let statuses = ["SUCCESS", "FAILED", "TIMEOUT", "RUNNING", "PARTIAL_FAILED", "CANCELLED"]

  public static let invocations: [Invocation] = (0..<12).map { n in
    Invocation(
      invocationId: "inv-fuzz\(String(format: "%04d", n))", commandId: "cmd-fuzz000\(n % 3)",
      commandName: ["backup-mysql", "restart-nginx", "print-working-directory"][n % 3],
      invocationStatus: statuses[n % statuses.count],
      invocationTaskBasicInfoSet: (0..<2).map { t in
        InvocationTaskBasicInfo(
          invocationTaskId: "invt-fz\(String(format: "%04d", n))t\(t)",
          taskStatus: statuses[(n + t) % statuses.count],
          instanceId: "ins-fuzz000\(t)")
      },
      startTime: "2026-11-28T08:0\(n % 10):00Z", endTime: n % 4 == 3 ? nil : "2026-11-28T09:0\(n % 10):01Z",
      createdTime: "2026-11-28T08:0\(n % 10):00Z", instanceKind: n % 2 == 0 ? "CVM" : "LIGHTHOUSE",
      commandContent: "cHdk", commandType: "SHELL", timeout: 60 * (n + 1))
  }

  public static let tasks: [InvocationTask] = invocations.flatMap { invocation in
    invocation.invocationTaskBasicInfoSet.enumerated().map { t, info in
      InvocationTask(
        invocationId: invocation.invocationId, invocationTaskId: info.invocationTaskId,
        commandId: invocation.commandId, taskStatus: info.taskStatus, instanceId: info.instanceId,
        taskResult: TaskResult(exitCode: t == 0 ? 0 : 127, output: t == 0 ? "L3Jvb3QK" : "//79AA=="),
        startTime: invocation.startTime, endTime: invocation.endTime, createdTime: invocation.createdTime,
        commandDocument: CommandDocument(
          content: "cHdk", commandType: "SHELL", timeout: 60, workingDirectory: "/root", username: "root"),
        errorInfo: t == 0 ? nil : "Permission denied", commandName: invocation.commandName)
    }
  }

  public static let commands: [Command] = (0..<3).map { n in
    Command(
      commandId: "cmd-fuzz000\(n)",
      commandName: ["backup-mysql", "restart-nginx", "print-working-directory"][n],
      content: "cHdk", commandType: "SHELL", workingDirectory: "/root", timeout: 60,
      createdTime: "2026-11-01T00:00:00Z",
      enableParameter: n == 1, createdBy: n == 0 ? "TAT" : "USER", tags: [Tag(key: "team", value: "fuzz")])
  }

  static func page<T>(_ all: [T], id: (T) -> String, ids: [String]?, offset: Int?, limit: Int?) -> (Int, [T])
  {
    let matching = ids.map { ids in all.filter { ids.contains(id($0)) } } ?? all
    let start = min(max(offset ?? 0, 0), matching.count)
    let end = min(start + max(limit ?? 20, 0), matching.count)
    return (matching.count, Array(matching[start..<end]))
  }

  public func send<Request: TATRequest>(_ request: Request) async throws -> Request.Response {
    try request.validate()
    let response: any TATResponse
    switch request {
    case let request as DescribeInvocationsRequest:
      let (total, set) = Self.page(
        Self.invocations, id: \.invocationId, ids: request.invocationIds, offset: request.offset,
        limit: request.limit)
      response = DescribeInvocationsResponse(totalCount: total, invocationSet: set, requestId: Self.requestId)
    case let request as DescribeInvocationTasksRequest:
      let (total, set) = Self.page(
        Self.tasks, id: \.invocationTaskId, ids: request.invocationTaskIds, offset: request.offset,
        limit: request.limit)
      response = DescribeInvocationTasksResponse(
        totalCount: total, invocationTaskSet: set, requestId: Self.requestId)
    case let request as DescribeCommandsRequest:
      let (total, set) = Self.page(
        Self.commands, id: \.commandId, ids: request.commandIds, offset: request.offset, limit: request.limit)
      response = DescribeCommandsResponse(totalCount: total, commandSet: set, requestId: Self.requestId)
    case is RunCommandRequest:
      response = RunCommandResponse(
        commandId: "cmd-fuzz0009", invocationId: "inv-fuzz0009", requestId: Self.requestId)
    case is InvokeCommandRequest:
      response = InvokeCommandResponse(invocationId: "inv-fuzz0010", requestId: Self.requestId)
    case is CancelInvocationRequest:
      response = CancelInvocationResponse(requestId: Self.requestId)
    default:
      throw TATError(
        code: TATError.Code.unsupportedOperation,
        message: "The fuzz backend does not answer \(Request.action).",
        requestId: Self.requestId)
    }
    return response as! Request.Response
  }

  static let requestId = "fuzz-request"
}
