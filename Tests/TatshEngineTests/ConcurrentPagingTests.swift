import Foundation
import TATCore
import Testing

@testable import TatshEngine

/// A backend in front of the store that answers slowly and counts how many
/// requests it holds at once, and can make the listing move between pages.
final class SlowService: TATService, @unchecked Sendable {
  // Guarded by `lock`.
  private let lock = NSLock()
  private var current = 0
  private var busiest = 0
  private var requests = 0
  let backend: any TATService
  let delay: Duration
  /// Records added (positive) or removed (negative) at the front of the listing once the first page is out.
  let shift: Int

  init(backend: any TATService, delay: Duration = .milliseconds(40), shift: Int = 0) {
    self.backend = backend
    self.delay = delay
    self.shift = shift
  }

  var name: String { "slow" }
  var mostAtOnce: Int { lock.withLock { busiest } }
  var requestCount: Int { lock.withLock { requests } }

  private func hold<T>(_ body: () async throws -> T) async throws -> T {
    lock.withLock {
      current += 1
      requests += 1
      busiest = max(busiest, current)
    }
    defer { lock.withLock { current -= 1 } }
    try await Task.sleep(for: delay)
    return try await body()
  }

  /// Reads are held for `delay`; a listing of invocations past its first page is shifted by `shift`.
  func send<Request: TATRequest>(_ request: Request) async throws -> Request.Response {
    guard Request.onlyReads else { return try await backend.send(request) }
    return try await hold {
      guard shift != 0, var moved = request as? DescribeInvocationsRequest, let offset = moved.offset,
        offset > 0
      else {
        return try await backend.send(request)
      }
      moved.offset = max(0, offset - shift)
      var response = try await backend.send(moved)
      response.totalCount += shift
      return response as! Request.Response
    }
  }
}

/// Pages asked ahead of the consumer: as few requests as sequential paging,
/// several in flight, the records in the API's order, and a listing that
/// moves while it is paged is neither duplicated nor passed over in silence.
@Suite struct ConcurrentPagingTests {
  @Test func pagesAreFetchedConcurrentlyInOrderWithTheLowerBoundOfRequests() async throws {
    let fixture = try Fixture(invocations: 1_000)
    defer { fixture.remove() }
    let all = try await fixture.allInvocations()
    let taskCount = all.reduce(0) { $0 + $1.invocationTaskBasicInfoSet.count }
    let slow = SlowService(backend: fixture.store)

    let ids = await fixture.run("invocations | select id", using: slow)
    #expect(ids.status == .success, "\(ids.errors)")
    #expect(ids.records.map { $0["InvocationId"] as? String } == all.map(\.invocationId))
    #expect(slow.requestCount == (all.count + 99) / 100)
    #expect(slow.mostAtOnce > 1)

    let tasks = SlowService(backend: fixture.store)
    let counted = await fixture.run("invocations | tasks | count", using: tasks)
    #expect(counted.output == "{\"count\":\(taskCount)}\n", "\(counted.errors)")
    #expect(tasks.requestCount == (all.count + 99) / 100 + (taskCount + 99) / 100)
    #expect(tasks.mostAtOnce > 2)
    #expect(counted.errors.isEmpty)
  }

  @Test func aConsumerThatStopsEarlyLeavesLittleAsked() async throws {
    let fixture = try Fixture(invocations: 1_000)
    defer { fixture.remove() }
    let slow = SlowService(backend: fixture.store)
    let result = await fixture.run("invocations | where id ~ \"inv-\" | first 150 | count", using: slow)
    #expect(result.output == "{\"count\":150}\n", "\(result.errors)")
    #expect(slow.requestCount <= 4)
  }

  @Test func recordsThatShiftBetweenPagesAreHandedOnOnceWithAWarning() async throws {
    let fixture = try Fixture(invocations: 300)
    defer { fixture.remove() }
    let all = try await fixture.allInvocations()
    let grown = SlowService(backend: fixture.store, shift: 5)
    let result = await fixture.run("invocations | select id", using: grown)
    #expect(result.status == .success)
    #expect(result.records.map { $0["InvocationId"] as? String } == all.map(\.invocationId))
    #expect(
      result.errors
        == "invocations: warning: the listing changed while it was paged (TotalCount \(all.count), then "
        + "\(all.count + 5)); 5 record(s) seen twice were handed on once; run it again for a settled answer\n"
    )
  }

  @Test func aListingThatShrinksWhilePagedIsReported() async throws {
    let fixture = try Fixture(invocations: 300)
    defer { fixture.remove() }
    let total = try await fixture.allInvocations().count
    let shrunk = SlowService(backend: fixture.store, shift: -5)
    let result = await fixture.run("invocations | count", using: shrunk)
    #expect(result.status == .success)
    #expect(result.output == "{\"count\":\(total - 5)}\n")
    #expect(
      result.errors.contains(
        "invocations: warning: the listing changed while it was paged (TotalCount \(total), then \(total - 5))"
      ))
    #expect(result.errors.contains("it was paged again from the start so that none was skipped"))
  }
}
