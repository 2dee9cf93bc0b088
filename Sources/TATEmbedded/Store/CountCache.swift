import GRDB
import Synchronization

/// `TotalCount`s already counted, kept until the store changes: paging
/// through a listing counts its matches once, not once a page, which on a
/// large store is most of the cost of a page.
final class CountCache: Sendable {
  private struct Entry {
    var generation: Int
    var count: Int
  }

  private let entries = Mutex<[String: Entry]>([:])
  private static let capacity = 1_024

  /// The number of rows of `table` that match `condition`, as of the read transaction of `db`.
  func count(of table: String, matching condition: RowCondition, in db: Database, generation: Int) throws
    -> Int
  {
    let key = condition.key(in: table)
    if let entry = entries.withLock({ $0[key] }), entry.generation == generation { return entry.count }
    let count =
      try Int.fetchOne(
        db.cachedStatement(sql: "SELECT COUNT(*) FROM \(table)" + condition.sql),
        arguments: condition.arguments)
      ?? 0
    entries.withLock { entries in
      if entries.count >= Self.capacity { entries.removeAll(keepingCapacity: true) }
      entries[key] = Entry(generation: generation, count: count)
    }
    return count
  }
}
