import Foundation
import TATCore
import Testing

@testable import TatshEngine

/// `cancel` on more tasks of one invocation than one CancelInvocation may
/// name (100) sends several calls, each within the limit, and none twice.
@Suite struct CancelSplitTests {
  final class CancelRecorder: TATService, @unchecked Sendable {
    let name = "recorder"
    private let lock = NSLock()
    private var cancels: [CancelInvocationRequest] = []
    var sent: [CancelInvocationRequest] { lock.withLock { cancels } }

    func send<Request: TATRequest>(_ request: Request) async throws -> Request.Response {
      try request.validate()
      switch request {
      case let cancel as CancelInvocationRequest:
        lock.withLock { cancels.append(cancel) }
        return CancelInvocationResponse(requestId: RequestID.random()) as! Request.Response
      case is DescribeInvocationsRequest:
        return DescribeInvocationsResponse(totalCount: 0, invocationSet: [], requestId: RequestID.random())
          as! Request.Response
      default:
        throw TATError(code: TATError.Code.unsupportedOperation, message: "\(Request.action)")
      }
    }
  }

  @Test func moreThanAHundredTasksOfOneInvocationAreCancelledInCallsOfAHundred() async throws {
    let file = FileManager.default.temporaryDirectory.appendingPathComponent(
      "cancel-\(UUID().uuidString).jsonl")
    defer { try? FileManager.default.removeItem(at: file) }
    let instances = ScheduleDouble.ids("ins-", 230)
    let lines = instances.enumerated().map { index, instance in
      #"{"InvocationId":"inv-00000001","InvocationTaskId":"invt-\#(String(format: "%08d", index))","TaskStatus":"RUNNING","InstanceId":"\#(instance)"}"#
    }
    try lines.joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
    let recorder = CancelRecorder()
    let (session, _, errors) = ScheduleStageTests.session(recorder)
    let status = await session.run("open \(file.path) | cancel --yes", origin: "test")
    #expect(status == .success, "\(errors.text)")
    let sent = recorder.sent
    #expect(sent.map { $0.instanceIds?.count ?? 0 } == [100, 100, 30])
    #expect(sent.allSatisfy { $0.invocationId == "inv-00000001" })
    #expect(sent.flatMap { $0.instanceIds ?? [] } == instances)
  }

  @Test func oneCallNamesAtMostAHundredInstances() {
    let ids = ScheduleDouble.ids("ins-", 101)
    #expect(throws: TATError.self) {
      try CancelInvocationRequest(invocationId: "inv-00000001", instanceIds: ids).validate()
    }
    #expect(throws: Never.self) {
      try CancelInvocationRequest(invocationId: "inv-00000001", instanceIds: Array(ids.prefix(100)))
        .validate()
    }
  }
}
