import Foundation
import GRDB
import TATCore

/// A table that keeps each record as the API's JSON (`body`), beside the
/// columns its filters test: for the small listings (agents, registered
/// instances, invokers and their records), where a column per field would
/// be code without a reader.
struct DocumentTable<Item: Codable & Sendable>: Sendable {
  let name: String
  /// The column that `ids` name records by.
  let idColumn: String
  /// The columns besides `body`, in the order `insert` takes their values.
  let columns: [String]
  /// `ORDER BY` of a listing, in the API's order.
  let order: String
  /// Filter names and the column each tests.
  let filterColumns: [String: String]
  /// Whether the tag filters (`tag-key`, `tag-value`, `tag:<key>`) look into the record's `Tags`.
  let filtersTags: Bool

  init(
    _ name: String, id idColumn: String, columns: [String], order: String, filters: Set<String>,
    filtersTags: Bool = false
  ) {
    self.name = name
    self.idColumn = idColumn
    self.columns = columns
    self.order = order
    filterColumns = columnsTested(by: filters, among: columns)
    self.filtersTags = filtersTags
  }

  /// Writes `item` (replacing one with the same id) with the values of `columns`.
  func insert(_ item: Item, columns values: [any DatabaseValueConvertible], in db: Database) throws {
    let names = columns + ["body"]
    let marks = Array(repeating: "?", count: names.count).joined(separator: ", ")
    try db.cachedStatement(
      sql: "INSERT OR REPLACE INTO \(name) (\(names.joined(separator: ", "))) VALUES (\(marks))"
    ).execute(
      arguments: StatementArguments(values + [String(decoding: try Self.encoder.encode(item), as: UTF8.self)])
    )
  }

  /// The condition of a listing by ids or filters.
  func condition(ids: [String]?, filters: [Filter]?) -> RowCondition {
    RowCondition { condition in
      if let ids { condition.require(idColumn, in: ids) }
      condition.require(filters, columns: filterColumns)
      if filtersTags { condition.requireTags(filters, in: "json_extract(body, '$.Tags')") }
    }
  }

  /// How many records match, and one page of them in the API's order.
  func page(matching condition: RowCondition, _ page: Page, in db: Database) throws -> (
    total: Int, items: [Item]
  ) {
    let total =
      try Int.fetchOne(
        db.cachedStatement(sql: "SELECT COUNT(*) FROM \(name)\(condition.sql)"),
        arguments: condition.arguments) ?? 0
    let bodies = try String.fetchAll(
      db.cachedStatement(sql: "SELECT body FROM \(name)\(condition.sql) ORDER BY \(order) LIMIT ? OFFSET ?"),
      arguments: condition.arguments + [page.limit, page.offset])
    return (total, try bodies.map { try Self.decoder.decode(Item.self, from: Data($0.utf8)) })
  }

  /// How many records the table holds.
  func count(in db: Database) throws -> Int {
    try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(name)") ?? 0
  }

  /// The record with this id, if there is one.
  func item(withId id: String, in db: Database) throws -> Item? {
    try String.fetchOne(
      db.cachedStatement(sql: "SELECT body FROM \(name) WHERE \(idColumn) = ?"), arguments: [id]
    ).map { try Self.decoder.decode(Item.self, from: Data($0.utf8)) }
  }

  private static var encoder: JSONEncoder { JSONEncoder() }
  private static var decoder: JSONDecoder { JSONDecoder() }
}

/// The store's tables of the listings kept as documents.
enum DocumentTables {
  static let agents = DocumentTable<AutomationAgentInfo>(
    "agent", id: "instance_id", columns: ["instance_id", "agent_status", "environment"],
    order: "instance_id", filters: DescribeAutomationAgentStatusRequest.filterNames)

  static let registeredInstances = DocumentTable<RegisterInstanceInfo>(
    "register_instance", id: "instance_id",
    columns: [
      "instance_id", "instance_name", "register_status", "local_ip", "register_code_id", "sys_name",
      "created_time",
    ],
    order: "created_time DESC, instance_id DESC", filters: DescribeRegisterInstancesRequest.filterNames,
    filtersTags: true)

  static let invokers = DocumentTable<Invoker>(
    "invoker", id: "invoker_id", columns: ["invoker_id", "command_id", "invoker_type", "created_time"],
    order: "created_time DESC, invoker_id DESC", filters: DescribeInvokersRequest.filterNames)

  static let invokerRecords = DocumentTable<InvokerRecord>(
    "invoker_record", id: "invoker_id", columns: ["invoker_id", "invoke_time", "invocation_id"],
    order: "invoke_time DESC, id DESC", filters: [])
}

extension DocumentTable where Item == AutomationAgentInfo {
  func insert(_ agent: Item, in db: Database) throws {
    try insert(agent, columns: [agent.instanceId, agent.agentStatus, agent.environment], in: db)
  }
}

extension DocumentTable where Item == RegisterInstanceInfo {
  func insert(_ instance: Item, in db: Database) throws {
    try insert(
      instance,
      columns: [
        instance.instanceId, instance.instanceName, instance.status, instance.localIp,
        instance.registerCodeId, instance.systemName, instance.createdTime,
      ], in: db)
  }
}

extension DocumentTable where Item == Invoker {
  func insert(_ invoker: Item, in db: Database) throws {
    try insert(
      invoker, columns: [invoker.invokerId, invoker.commandId, invoker.type, invoker.createdTime], in: db)
  }
}

extension DocumentTable where Item == InvokerRecord {
  func insert(_ record: Item, in db: Database) throws {
    try insert(record, columns: [record.invokerId, record.invokeTime, record.invocationId], in: db)
  }
}
