import GRDB
import TATCore

extension EmbeddedTAT {
  /// What a seeding wrote.
  public struct SeedSummary: Sendable, Equatable {
    public var commands: Int
    public var invocations: Int
    public var tasks: Int
    public var agents = 0
    public var invokers = 0
    public var invokerRecords = 0
  }

  /// Seeding refused because the store already holds invocations.
  public struct StoreNotEmpty: Error, CustomStringConvertible {
    public var path: String
    public var invocations: Int
    public var description: String {
      "the store at \(path) already holds \(invocations) invocations; add --replace to regenerate it"
    }
  }

  /// Fills the store with `dataset`, first emptying it when `replacing`;
  /// without `replacing`, a store that holds invocations is refused.
  ///
  /// Commits every few thousand invocations so that memory stays flat for
  /// large datasets; a seeding that is interrupted keeps what it committed
  /// and can be finished with `replacing`.
  @discardableResult
  public func seed(with dataset: DemoDataset, replacing: Bool) throws -> SeedSummary {
    let commands = dataset.commands()
    try change { db in
      if replacing {
        try db.execute(
          sql: """
            DELETE FROM invocation_task; DELETE FROM invocation; DELETE FROM command;
            DELETE FROM invoker_record; DELETE FROM invoker;
            DELETE FROM agent WHERE instance_id NOT IN (SELECT instance_id FROM local_instance);
            """)
      } else if let count = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM invocation"), count > 0 {
        throw StoreNotEmpty(path: path, invocations: count)
      }
      let insert = try db.cachedStatement(
        sql: "INSERT OR REPLACE" + CommandRows.insertSQL.dropFirst("INSERT".count))
      for command in commands { try insert.execute(arguments: try CommandRows.arguments(for: command)) }
      for agent in dataset.agents() { try DocumentTables.agents.insert(agent, in: db) }
      for invoker in dataset.invokers() { try DocumentTables.invokers.insert(invoker, in: db) }
    }
    try database.writeWithoutTransaction { db in
      try db.execute(sql: "PRAGMA cache_size = -\(Self.seedCacheKiB)")
      // The generator only writes tasks of invocations it wrote just before.
      try db.execute(sql: "PRAGMA foreign_keys = OFF")
    }
    defer {
      try? database.writeWithoutTransaction { db in
        try db.execute(sql: "PRAGMA cache_size = -2000; PRAGMA foreign_keys = ON")
      }
    }
    if try localInstances().isEmpty { try addLocalInstances(Self.seededLocalInstances) }
    var summary = SeedSummary(
      commands: commands.count, invocations: 0, tasks: 0, agents: try readNow(DocumentTables.agents.count),
      invokers: dataset.invokers().count)
    var batch: [DemoDataset.Execution] = []
    batch.reserveCapacity(Self.seedBatchSize)
    try dataset.forEachExecution { execution in
      batch.append(execution)
      if batch.count == Self.seedBatchSize {
        try insert(batch, summary: &summary)
        batch.removeAll(keepingCapacity: true)
      }
    }
    try insert(batch, summary: &summary)
    return summary
  }

  /// Local instances a store gets when it is first seeded.
  public static let seededLocalInstances = 3
  private static let seedBatchSize = 5_000
  /// Page cache while seeding, so that index pages stay in memory.
  private static let seedCacheKiB = 256 * 1024

  private func insert(_ executions: [DemoDataset.Execution], summary: inout SeedSummary) throws {
    guard !executions.isEmpty else { return }
    try change { db in
      let invocationInsert = try db.cachedStatement(sql: InvocationRows.insertSQL)
      let taskInsert = try db.cachedStatement(sql: TaskRows.insertSQL)
      for execution in executions {
        try invocationInsert.execute(
          arguments: InvocationRows.arguments(
            for: execution.invocation, createdBy: execution.commandCreatedBy))
        for task in execution.tasks { try taskInsert.execute(arguments: TaskRows.arguments(for: task)) }
        if let record = execution.invokerRecord { try DocumentTables.invokerRecords.insert(record, in: db) }
      }
    }
    summary.invocations += executions.count
    summary.tasks += executions.reduce(0) { $0 + $1.tasks.count }
    summary.invokerRecords += executions.filter { $0.invokerRecord != nil }.count
  }
}
