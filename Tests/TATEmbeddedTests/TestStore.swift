import Foundation
import TATCore
import TATEmbedded
import TatshTestSupport
import Testing

/// The end of the demo window every test uses: 2025-11-29T00:00:00Z.
let fixedEndTime = 1_764_374_400

/// A fresh temporary folder for one store; the caller removes it.
func temporaryStoreFolder() -> URL {
  FileManager.default.temporaryDirectory.appendingPathComponent(
    "tatsh-embedded-tests-\(UUID().uuidString)", isDirectory: true)
}

/// Runs `body` on a store in a new temporary folder, seeded with a demo
/// dataset, and removes the folder afterwards.
func withStore<T>(
  invocationCount: Int = 60, seed: UInt64 = 7, endTime: Int = fixedEndTime,
  _ body: (EmbeddedTAT) async throws -> T
) async throws -> T {
  let seeded = try SeededStore(invocations: invocationCount, seed: seed, endTime: endTime)
  defer { seeded.remove() }
  return try await body(seeded.store)
}

/// Runs `body` on an empty store in a new temporary folder and removes the folder afterwards.
func withEmptyStore<T>(_ body: (EmbeddedTAT) async throws -> T) async throws -> T {
  let empty = try SeededStore(isEmpty: true)
  defer { empty.remove() }
  return try await body(empty.store)
}

extension EmbeddedTAT {
  /// Every invocation that matches `filters`, paging 100 at a time, and the TotalCount of every page.
  func allInvocations(filters: [Filter]? = nil) async throws -> [Invocation] {
    var invocations: [Invocation] = []
    var total: Int? = nil
    repeat {
      let page = try await describeInvocations(
        DescribeInvocationsRequest(filters: filters, limit: 100, offset: invocations.count))
      #expect(total == nil || total == page.totalCount, "TotalCount changed between pages")
      total = page.totalCount
      if page.invocationSet.isEmpty { break }
      invocations += page.invocationSet
    } while invocations.count < total!
    #expect(invocations.count == total)
    return invocations
  }

  /// Every task that matches `filters`, paging 100 at a time.
  func allTasks(filters: [Filter]? = nil, hideOutput: Bool? = nil) async throws -> [InvocationTask] {
    var tasks: [InvocationTask] = []
    var total: Int? = nil
    repeat {
      let page = try await describeInvocationTasks(
        DescribeInvocationTasksRequest(
          filters: filters, limit: 100, offset: tasks.count, hideOutput: hideOutput))
      #expect(total == nil || total == page.totalCount, "TotalCount changed between pages")
      total = page.totalCount
      if page.invocationTaskSet.isEmpty { break }
      tasks += page.invocationTaskSet
    } while tasks.count < total!
    #expect(tasks.count == total)
    return tasks
  }

  /// Every command that matches `filters`, paging 100 at a time.
  func allCommands(filters: [Filter]? = nil) async throws -> [Command] {
    var commands: [Command] = []
    var total: Int? = nil
    repeat {
      let page = try await describeCommands(
        DescribeCommandsRequest(filters: filters, limit: 100, offset: commands.count))
      total = page.totalCount
      if page.commandSet.isEmpty { break }
      commands += page.commandSet
    } while commands.count < total!
    #expect(commands.count == total)
    return commands
  }
}

/// The seed page's example invocation, decoded from the page's JSON.
func seedPageInvocation() throws -> Invocation {
  let response = try JSONDecoder().decode(
    DescribeInvocationsResponse.self, from: Data(SeedPage.responseJSON.utf8))
  return try #require(response.invocationSet.first)
}

/// Seconds since 1970 of an API time, failing the test if it does not parse.
func seconds(_ text: String?, sourceLocation: SourceLocation = #_sourceLocation) throws -> Int {
  let text = try #require(text, sourceLocation: sourceLocation)
  return try #require(
    APITimestamp.epochSeconds(from: text), "unparseable time \(text)",
    sourceLocation: sourceLocation)
}
