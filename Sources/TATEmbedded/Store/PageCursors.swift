import GRDB
import Synchronization

/// Where earlier pages of a listing ended, so that the next page starts
/// from there in the index instead of counting `Offset` rows from the top:
/// paging through a listing of a million tasks then costs a million index
/// steps, not half a million per page. Forgotten when the store changes.
final class PageCursors: Sendable {
  /// The sort key of a row: `created_time` and the row id.
  struct Key: Sendable {
    var createdTime: String
    var rowId: Int64
  }

  /// How a listing is ordered, for the SQL that seeks past a key.
  enum Order: Sendable {
    /// `created_time DESC, id DESC` (invocations).
    case newestFirstThenLastRow
    /// `created_time DESC, id ASC` (tasks).
    case newestFirstThenFirstRow

    var sql: String {
      switch self {
      case .newestFirstThenLastRow: "created_time DESC, id DESC"
      case .newestFirstThenFirstRow: "created_time DESC, id ASC"
      }
    }

    /// Rows after a key in this order. The separate `created_time <= ?` is
    /// what lets SQLite seek in the index: with bound parameters it does not
    /// derive that range from the `OR` alone, and scans from the top.
    var after: String {
      switch self {
      case .newestFirstThenLastRow: "created_time <= ? AND (created_time < ? OR id < ?)"
      case .newestFirstThenFirstRow: "created_time <= ? AND (created_time < ? OR id > ?)"
      }
    }
  }

  private struct Listing {
    var generation: Int
    /// Offset → the key of the row just before it.
    var ends: [Int: Key] = [:]
  }

  private let listings = Mutex<[String: Listing]>([:])
  private static let listingCapacity = 256
  private static let endsPerListing = 64

  /// The `WHERE` clause, its arguments and the offset that reach row `offset`
  /// of `table` matching `condition`: from the nearest page end remembered
  /// before it, or from the top.
  func seek(
    _ table: String, matching condition: RowCondition, order: Order, offset: Int, generation: Int
  ) -> (sql: String, arguments: StatementArguments, offset: Int) {
    let key = condition.key(in: table)
    let nearest: (Int, Key)? = listings.withLock { listings in
      guard let listing = listings[key], listing.generation == generation else { return nil }
      return listing.ends.filter { $0.key <= offset }.max { $0.key < $1.key }.map { ($0.key, $0.value) }
    }
    guard let (start, end) = nearest else { return (condition.sql, condition.arguments, offset) }
    return (
      condition.sql(and: order.after), condition.arguments + [end.createdTime, end.createdTime, end.rowId],
      offset - start
    )
  }

  /// Remembers that row `offset` of the listing comes right after `key`.
  func remember(
    _ table: String, matching condition: RowCondition, offset: Int, after key: Key, generation: Int
  ) {
    let name = condition.key(in: table)
    listings.withLock { listings in
      if listings[name]?.generation != generation {
        if listings.count >= Self.listingCapacity { listings.removeAll(keepingCapacity: true) }
        listings[name] = Listing(generation: generation)
      }
      if listings[name]!.ends.count >= Self.endsPerListing,
        let oldest = listings[name]!.ends.keys.min()
      {
        listings[name]!.ends.removeValue(forKey: oldest)
      }
      listings[name]!.ends[offset] = key
    }
  }
}
