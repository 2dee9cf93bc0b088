import Foundation
import TATCore
import TATEmbedded
import Testing

/// One call to one of the store's actions.
enum Call: Sendable {
  case invocations(DescribeInvocationsRequest)
  case tasks(DescribeInvocationTasksRequest)
  case commands(DescribeCommandsRequest)

  /// Runs the call and returns the response's TotalCount.
  @discardableResult
  func run(on store: EmbeddedTAT) async throws -> Int {
    switch self {
    case .invocations(let request): try await store.describeInvocations(request).totalCount
    case .tasks(let request): try await store.describeInvocationTasks(request).totalCount
    case .commands(let request): try await store.describeCommands(request).totalCount
    }
  }
}

/// A request the API refuses, and the code it refuses it with.
struct Rejection: Sendable, CustomTestStringConvertible {
  var label: String
  var call: Call
  var code: String
  var testDescription: String { "\(label) → \(code)" }
}

/// `count` distinct well-formed ids with `prefix`.
func wellFormedIDs(_ prefix: String, _ count: Int) -> [String] {
  (0..<count).map { number in
    let digits = String(number, radix: 36)
    return prefix + String(repeating: "0", count: 8 - digits.count) + digits
  }
}

private let conflict = "InvalidParameter.ConflictParameter"
private let limitExceeded = "InvalidParameterValue.LimitExceeded"
private let filterValueExceeded = "LimitExceeded.FilterValueExceeded"
private let invalidFilter = "InvalidParameterValue.InvalidFilter"
private let invalidInvocationId = "InvalidParameterValue.InvalidInvocationId"
private let invalidCommandId = "InvalidParameterValue.InvalidCommandId"
private let invalidParameterValue = "InvalidParameterValue"

private let cvm = Filter(name: "instance-kind", values: ["CVM"])

let invocationRejections: [Rejection] = [
  Rejection(
    label: "InvocationIds with Filters",
    call: .invocations(.init(invocationIds: ["inv-q4zp60g0"], filters: [cvm])), code: conflict),
  Rejection(
    label: "101 InvocationIds",
    call: .invocations(.init(invocationIds: wellFormedIDs("inv-", 101))),
    code: limitExceeded),
  Rejection(label: "Limit 101", call: .invocations(.init(limit: 101)), code: limitExceeded),
  Rejection(
    label: "11 filters", call: .invocations(.init(filters: Array(repeating: cvm, count: 11))),
    code: filterValueExceeded),
  Rejection(
    label: "a filter with 6 values",
    call: .invocations(
      .init(filters: [Filter(name: "invocation-id", values: wellFormedIDs("inv-", 6))])),
    code: filterValueExceeded),
  Rejection(
    label: "unknown filter name",
    call: .invocations(.init(filters: [Filter(name: "invocation-status", values: ["FAILED"])])),
    code: invalidFilter),
  Rejection(
    label: "a tag filter",
    call: .invocations(.init(filters: [Filter(name: "tag:team", values: ["ops"])])),
    code: invalidFilter),
  Rejection(
    label: "bad command-created-by",
    call: .invocations(
      .init(filters: [Filter(name: "command-created-by", values: ["USER", "SYSTEM"])])),
    code: invalidFilter),
  Rejection(
    label: "bad instance-kind",
    call: .invocations(.init(filters: [Filter(name: "instance-kind", values: ["cvm"])])),
    code: invalidFilter),
  Rejection(
    label: "malformed id in InvocationIds",
    call: .invocations(.init(invocationIds: ["inv-q4zp60g0", "inv-Q4ZP60G0"])),
    code: invalidInvocationId),
  Rejection(
    label: "command id in InvocationIds",
    call: .invocations(.init(invocationIds: ["cmd-9dxzty3m"])),
    code: invalidInvocationId),
  Rejection(
    label: "malformed invocation-id filter",
    call: .invocations(.init(filters: [Filter(name: "invocation-id", values: ["inv-q4zp60g"])])),
    code: invalidInvocationId),
  Rejection(
    label: "malformed command-id filter",
    call: .invocations(
      .init(filters: [Filter(name: "command-id", values: ["cmd-9dxzty3m", "cmd-9DXZTY3M"])])),
    code: invalidCommandId),
  Rejection(
    label: "negative Offset", call: .invocations(.init(offset: -1)), code: invalidParameterValue),
  Rejection(
    label: "negative Limit", call: .invocations(.init(limit: -1)), code: invalidParameterValue),
]

let taskRejections: [Rejection] = [
  Rejection(
    label: "InvocationTaskIds with Filters",
    call: .tasks(
      .init(
        invocationTaskIds: ["invt-kakne8h2"],
        filters: [Filter(name: "instance-id", values: ["ins-zj0f57ew"])])),
    code: conflict),
  Rejection(
    label: "101 InvocationTaskIds",
    call: .tasks(.init(invocationTaskIds: wellFormedIDs("invt-", 101))),
    code: limitExceeded),
  Rejection(label: "Limit 101", call: .tasks(.init(limit: 101)), code: limitExceeded),
  Rejection(
    label: "11 filters",
    call: .tasks(
      .init(
        filters: Array(repeating: Filter(name: "instance-id", values: ["ins-zj0f57ew"]), count: 11))
    ),
    code: filterValueExceeded),
  Rejection(
    label: "a filter with 6 values",
    call: .tasks(
      .init(filters: [Filter(name: "invocation-task-id", values: wellFormedIDs("invt-", 6))])),
    code: filterValueExceeded),
  Rejection(
    label: "unknown filter name (an invocation filter)",
    call: .tasks(.init(filters: [Filter(name: "instance-kind", values: ["CVM"])])),
    code: invalidFilter),
  Rejection(
    label: "malformed invocation-id filter",
    call: .tasks(.init(filters: [Filter(name: "invocation-id", values: ["inv-q4zp60g0x"])])),
    code: invalidInvocationId),
  Rejection(
    label: "malformed command-id filter",
    call: .tasks(.init(filters: [Filter(name: "command-id", values: ["cmd_9dxzty3m"])])),
    code: invalidCommandId),
  Rejection(
    label: "malformed id in InvocationTaskIds",
    call: .tasks(.init(invocationTaskIds: ["inv-q4zp60g0"])),
    code: invalidParameterValue),
  Rejection(label: "negative Offset", call: .tasks(.init(offset: -5)), code: invalidParameterValue),
  Rejection(label: "negative Limit", call: .tasks(.init(limit: -1)), code: invalidParameterValue),
]

let commandRejections: [Rejection] = [
  Rejection(
    label: "CommandIds with Filters",
    call: .commands(
      .init(commandIds: ["cmd-9dxzty3m"], filters: [Filter(name: "created-by", values: ["USER"])])),
    code: conflict),
  Rejection(
    label: "101 CommandIds", call: .commands(.init(commandIds: wellFormedIDs("cmd-", 101))),
    code: limitExceeded),
  Rejection(label: "Limit 101", call: .commands(.init(limit: 101)), code: limitExceeded),
  Rejection(
    label: "11 filters",
    call: .commands(.init(filters: (0..<11).map { Filter(name: "tag:key\($0)", values: ["v"]) })),
    code: filterValueExceeded),
  Rejection(
    label: "a tag filter with 6 values",
    call: .commands(
      .init(filters: [Filter(name: "tag:team", values: ["a", "b", "c", "d", "e", "f"])])),
    code: filterValueExceeded),
  Rejection(
    label: "unknown filter name (an invocation filter)",
    call: .commands(.init(filters: [Filter(name: "command-created-by", values: ["USER"])])),
    code: invalidFilter),
  Rejection(
    label: "tag: without a key",
    call: .commands(.init(filters: [Filter(name: "tag:", values: ["ops"])])),
    code: invalidFilter),
  Rejection(
    label: "bad created-by",
    call: .commands(.init(filters: [Filter(name: "created-by", values: ["SYSTEM"])])),
    code: invalidFilter),
  Rejection(
    label: "bad command-type",
    call: .commands(.init(filters: [Filter(name: "command-type", values: ["PYTHON"])])),
    code: invalidFilter),
  Rejection(
    label: "malformed id in CommandIds", call: .commands(.init(commandIds: ["cmd-9dxzty3"])),
    code: invalidCommandId),
  Rejection(
    label: "malformed command-id filter",
    call: .commands(.init(filters: [Filter(name: "command-id", values: ["inv-q4zp60g0"])])),
    code: invalidCommandId),
  Rejection(
    label: "negative Offset", call: .commands(.init(offset: -1)), code: invalidParameterValue),
  Rejection(
    label: "negative Limit", call: .commands(.init(limit: -20)), code: invalidParameterValue),
]

@Suite("EmbeddedTAT request validation")
struct ValidationTests {
  @Test(
    "a broken rule is refused with the API's code and a RequestId",
    arguments: invocationRejections + taskRejections + commandRejections)
  func refuses(rejection: Rejection) async throws {
    try await withStore(invocationCount: 10) { store in
      let error = await #expect(throws: TATError.self) { try await rejection.call.run(on: store) }
      #expect(error?.code == rejection.code)
      #expect(error?.message.isEmpty == false)
      let requestId = try #require(error?.requestId, "the cloud gives a RequestId with every error")
      #expect(UUID(uuidString: requestId) != nil, "RequestId \(requestId) is not a UUID")
    }
  }

  @Test("every answer, failed or not, carries its own RequestId")
  func freshRequestIds() async throws {
    try await withStore(invocationCount: 10) { store in
      var seen: Set<String> = []
      for _ in 0..<3 {
        let error = await #expect(throws: TATError.self) {
          try await store.describeInvocations(.init(limit: 101))
        }
        seen.insert(try #require(error?.requestId))
        seen.insert(try await store.describeInvocations(.init(limit: 1)).requestId)
        seen.insert(try await store.describeInvocationTasks(.init(limit: 1)).requestId)
        seen.insert(try await store.describeCommands(.init(limit: 1)).requestId)
      }
      #expect(seen.count == 12)
      #expect(seen.allSatisfy { UUID(uuidString: $0) != nil })
    }
  }

  @Test(
    "requests at every limit are accepted",
    arguments: [
      Call.invocations(
        .init(invocationIds: wellFormedIDs("inv-", 99) + ["inv-q4zp60g0"], limit: 100, offset: 0)),
      Call.invocations(.init(filters: Array(repeating: cvm, count: 10), limit: 100)),
      Call.invocations(
        .init(filters: [
          Filter(name: "invocation-id", values: wellFormedIDs("inv-", 4) + ["inv-q4zp60g0"]),
          Filter(name: "command-id", values: ["cmd-9dxzty3m"]),
          Filter(name: "command-created-by", values: ["TAT", "USER"]),
          Filter(name: "instance-kind", values: ["CVM", "LIGHTHOUSE"]),
        ])),
      Call.tasks(
        .init(invocationTaskIds: wellFormedIDs("invt-", 99) + ["invt-kakne8h2"], limit: 100)),
      Call.tasks(
        .init(
          filters: [
            Filter(
              name: "invocation-task-id", values: wellFormedIDs("invt-", 4) + ["invt-kakne8h2"]),
            Filter(name: "invocation-id", values: ["inv-q4zp60g0"]),
            Filter(name: "instance-id", values: ["ins-zj0f57ew"]),
            Filter(name: "command-id", values: ["cmd-9dxzty3m"]),
          ], limit: 100, hideOutput: false)),
      Call.commands(.init(commandIds: wellFormedIDs("cmd-", 99) + ["cmd-9dxzty3m"], limit: 100)),
      Call.commands(
        .init(
          filters: [
            Filter(name: "command-id", values: ["cmd-9dxzty3m"]),
            Filter(name: "command-name", values: ["print-working-directory"]),
            Filter(name: "command-type", values: ["SHELL", "POWERSHELL", "BAT"]),
            Filter(name: "created-by", values: ["USER"]),
          ], limit: 100)),
    ])
  func acceptsBoundaries(call: Call) async throws {
    try await withStore(invocationCount: 10) { store in
      // Each of these requests names the seed page's example, which every store holds.
      let total = try await call.run(on: store)
      switch call {
      case .invocations(let request) where request.filters?.count == 10:
        #expect(total > 1)
      default:
        #expect(total == 1)
      }
    }
  }
}

/// A request of an action the embedded backend does not know.
private struct UnknownActionRequest: TATRequest {
  typealias Response = CancelInvocationResponse
  static let action = "DescribeNothing"
  static let onlyReads = true
  func validate() throws {}
  enum CodingKeys: CodingKey, CaseIterable {}
}

@Suite struct UnsupportedActionTests {
  @Test func anActionTheStoreDoesNotAnswerIsRefusedByName() async throws {
    try await withEmptyStore { store in
      let error = await #expect(throws: TATError.self) { try await store.send(UnknownActionRequest()) }
      #expect(error?.code == TATError.Code.unsupportedOperation)
      #expect(error?.message.contains("DescribeNothing") == true)
      #expect(error?.requestId != nil)
    }
  }
}
