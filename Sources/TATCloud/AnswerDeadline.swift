import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import TATCore

/// One HTTP exchange bounded as a whole: connecting, the headers and every
/// byte of the body must arrive within the timeout. A body that stalls or
/// drips fails at the deadline, and its connection is closed.
struct AnswerDeadline {
  /// What came back in time.
  struct Answer {
    var status: HTTPResponseStatus
    var headers: HTTPHeaders
    var body: Data
  }

  /// The deadline passed: what had arrived by then, to name the RequestId if it came.
  struct Exceeded: Error {
    var headersArrived: Bool
    var partialBody: Data

    /// The RequestId in the part of the body that arrived, if it is there.
    var requestId: String? {
      let text = String(decoding: partialBody, as: UTF8.self)
      guard let range = text.range(of: #""RequestId"\s*:\s*"[^"]+""#, options: .regularExpression) else {
        return nil
      }
      return text[range].split(separator: "\"").last.map(String.init)
    }
  }

  let client: HTTPClient
  let timeout: TimeAmount
  /// The most an answer may hold.
  static let largestBody = 64 * 1024 * 1024

  /// Sends `request` and reads the whole answer before the deadline, or throws `Exceeded`.
  func exchange(_ request: HTTPClientRequest) async throws -> Answer {
    let progress = Progress()
    let deadline = NIODeadline.now() + timeout
    return try await withThrowingTaskGroup(of: Answer?.self) { group in
      group.addTask {
        let response = try await client.execute(request, deadline: deadline)
        progress.headersArrived()
        var body = Data()
        for try await chunk in response.body {
          body.append(contentsOf: chunk.readableBytesView)
          progress.received(chunk)
          guard body.count <= Self.largestBody else {
            throw TATError(code: "InternalError", message: "the answer is over \(Self.largestBody >> 20) MB")
          }
        }
        return Answer(status: response.status, headers: response.headers, body: body)
      }
      group.addTask {
        try await Task.sleep(nanoseconds: UInt64(max(0, timeout.nanoseconds)))
        return nil
      }
      defer { group.cancelAll() }
      do {
        guard let first = try await group.next(), let answer = first else {
          throw progress.exceeded
        }
        return answer
      } catch let error as HTTPClientError where error == .deadlineExceeded {
        throw progress.exceeded
      }
    }
  }

  /// What has arrived so far, shared between the reading task and the deadline.
  private final class Progress: @unchecked Sendable {
    private let lock = NSLock()
    private var headers = false
    private var body = Data()

    func headersArrived() { lock.withLock { headers = true } }

    func received(_ chunk: ByteBuffer) {
      lock.withLock { if body.count < 64 * 1024 { body.append(contentsOf: chunk.readableBytesView) } }
    }

    var exceeded: Exceeded { lock.withLock { Exceeded(headersArrived: headers, partialBody: body) } }
  }
}
