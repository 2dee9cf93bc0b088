import Foundation
import TATCore
import TATEmbedded
import TatshEngine
import TatshTestSupport

/// An embedded store seeded with a fixed dataset, and sessions over it that print JSON Lines.
struct Fixture {
  static let endTime = SeededStore.endTime

  let seeded: SeededStore
  var store: EmbeddedTAT { seeded.store }
  var folder: URL { seeded.folder }
  let service: CountingService

  init(invocations: Int = 300, seed: UInt64 = 3) throws {
    seeded = try SeededStore(invocations: invocations, seed: seed)
    service = CountingService(backend: seeded.store)
  }

  /// Runs `source` and returns its status, the records it printed (as JSON Lines), its output and its errors.
  /// - Parameter backend: the service to ask, when not the store through `service`.
  func run(
    _ source: String, terminal: Terminal = Terminal(isInteractive: false, width: nil),
    using backend: (any TATService)? = nil
  ) async
    -> (status: ExitStatus, records: [[String: Any]], output: String, errors: String)
  {
    let output = TextBuffer()
    let errors = TextBuffer()
    let session = Session(service: backend ?? service, output: output, errors: errors, terminal: terminal)
    let status = await session.run(source, origin: "test")
    let records = output.text.split(separator: "\n").compactMap {
      try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
    }
    return (status, records, output.text, errors.text)
  }

  /// Every invocation in the store, straight from the backend.
  func allInvocations() async throws -> [Invocation] {
    var all: [Invocation] = []
    while true {
      let page = try await store.describeInvocations(
        DescribeInvocationsRequest(limit: 100, offset: all.count))
      all += page.invocationSet
      if all.count >= page.totalCount { return all }
    }
  }

  func remove() { seeded.remove() }
}
