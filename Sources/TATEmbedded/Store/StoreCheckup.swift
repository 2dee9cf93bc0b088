import Foundation
import GRDB

/// What a look at a store finds without changing it, for `tatsh doctor`:
/// its size, SQLite's integrity check, which migrations it has had, and how
/// many records of each kind it holds. The store is opened read-only, never
/// migrated, seeded or made.
public struct StoreCheckup: Sendable {
  /// How many records of one kind the store holds.
  public struct Count: Sendable, Hashable {
    /// The kind, as a user calls it (`invocations`, `local instances`).
    public var kind: String
    /// How many there are.
    public var count: Int
  }

  /// The store's file.
  public var path: String
  /// The bytes of the store's file and of its write-ahead log, if it has one.
  public var size: Int64
  /// What `PRAGMA integrity_check` found wrong (at most `reportedProblems`
  /// lines); empty when it said ok.
  public var integrityProblems: [String]
  /// The migrations the store has had that this tatsh knows, in order.
  public var appliedMigrations: [String]
  /// The migrations this tatsh knows and the store has not had yet: tatsh
  /// applies them the next time it opens the store.
  public var pendingMigrations: [String]
  /// Migrations the store has had that this tatsh does not know: a newer
  /// tatsh made it.
  public var unknownMigrations: [String]
  /// The records of each kind; empty when they could not be counted.
  public var counts: [Count]
  /// Why the records could not be counted (a damaged table), if they could not.
  public var countFailure: String?
  /// The tables of another program's database, when the file is one; empty for a tatsh store.
  public var foreignTables: [String] = []

  /// The most lines of the integrity check's findings kept.
  public static let reportedProblems = 5

  /// Every migration this tatsh knows, in order.
  public static var knownMigrations: [String] { StoreSchema.migrator.migrations }

  /// Examines the store at `path`, which must exist; throws when SQLite
  /// cannot open or read it at all (not a database, unreadable).
  public static func examine(path: String) throws -> StoreCheckup {
    let files = [path, path + "-wal"]
    let size = files.compactMap {
      (try? FileManager.default.attributesOfItem(atPath: $0))?[.size] as? Int64
    }.reduce(0, +)
    var configuration = Configuration()
    configuration.readonly = true
    configuration.busyMode = .timeout(5)
    configuration.label = "tatsh.store.checkup"
    let queue = try DatabaseQueue(path: path, configuration: configuration)
    // Outside a transaction: a damaged page must not fail the COMMIT before the integrity check is read.
    return try queue.inDatabase { db in
      let migrator = StoreSchema.migrator
      let applied = try migrator.appliedIdentifiers(db)
      let known = migrator.migrations
      var problems: [String]
      do {
        // One row may hold several lines: `*** in database main ***` and the pages under it.
        problems = try String.fetchAll(db, sql: "PRAGMA integrity_check(\(Self.reportedProblems))")
          .flatMap { $0.split(separator: "\n").map(String.init) }
      } catch {
        problems = ["\(error)"]
      }
      if problems == ["ok"] { problems = [] }
      problems = Array(problems.prefix(Self.reportedProblems))
      var counts: [Count] = []
      var countFailure: String?
      let tables = [
        ("invocations", "invocation"), ("tasks", "invocation_task"), ("commands", "command"),
        ("local instances", "local_instance"),
      ]
      do {
        for (kind, table) in tables where try db.tableExists(table) {
          // The table's name is one of the four above, never a value from outside.
          counts.append(
            Count(kind: kind, count: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? 0))
        }
      } catch {
        counts = []
        countFailure = "\(error)"
      }
      return StoreCheckup(
        path: path, size: size, integrityProblems: problems,
        appliedMigrations: known.filter(applied.contains),
        pendingMigrations: known.filter { !applied.contains($0) },
        unknownMigrations: applied.subtracting(known).sorted(), counts: counts, countFailure: countFailure,
        foreignTables: try StoreSchema.foreignTables(db))
    }
  }
}
