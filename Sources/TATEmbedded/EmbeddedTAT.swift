import Foundation
import GRDB
import TATCore

/// The TAT API on a local SQLite store: the same actions, limits, ordering
/// and error codes as Tencent Cloud, offline.
public final class EmbeddedTAT: TATService {
  public let name = "embedded"
  /// The path of the SQLite file.
  public let path: String
  let database: DatabasePool
  /// Where runners of new invocations run.
  let runnerLaunch: RunnerLaunch
  /// The folder the store's file is in, which also holds the local instances' folders.
  public var folder: URL { URL(fileURLWithPath: path).deletingLastPathComponent() }
  private let counts = CountCache()
  /// Whether the actions' reads run on the calling thread (see `init`).
  private let readsOnCallingThread: Bool
  private let cursors = PageCursors()

  /// Opens (creating if needed) the store at `path`, brings its schema up
  /// to date, and settles tasks whose runner has gone.
  /// - Parameters:
  ///   - runner: where the runners of new invocations run.
  ///   - readsOnCallingThread: whether the actions' reads run on the thread
  ///     that asks, instead of on the store's reader threads. For a program
  ///     whose tasks run on event loops that do nothing else (`tatsh serve`),
  ///     where handing a short read to another thread and back costs more
  ///     than the read; elsewhere a read would hold up the tasks that share
  ///     the thread.
  public init(path: String, runner: RunnerLaunch = .inProcess, readsOnCallingThread: Bool = false) throws {
    self.path = path
    runnerLaunch = runner
    self.readsOnCallingThread = readsOnCallingThread
    let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try StoreSchema.refuseForeignDatabase(at: path)
    var configuration = Configuration()
    configuration.busyMode = .timeout(10)
    configuration.label = "tatsh.store"
    configuration.prepareDatabase { db in
      // No memory mapping and a small page cache per connection: the kernel's
      // page cache keeps the store warm either way, and a mapped store counted
      // each connection's pages in tatsh's own memory (1 GB to stream a big
      // store). Reads measured no slower (BENCHMARKS.md).
      try db.execute(sql: "PRAGMA mmap_size = 0; PRAGMA cache_size = -4096")
      // With WAL, NORMAL cannot corrupt the store; a power cut may lose the last commits, not more.
      try db.execute(sql: "PRAGMA synchronous = NORMAL")
    }
    database = try DatabasePool(path: path, configuration: configuration)
    try StoreSchema.migrator.migrate(database)
    try recoverAbandonedTasks()
  }

  /// Runs `body` in a write transaction that also bumps the store's
  /// generation, so that counts remembered from before are not used again.
  /// Every write to the store goes through here.
  func change<T>(_ body: (Database) throws -> T) throws -> T {
    try database.write { db in
      let result = try body(db)
      try db.execute(sql: StoreSchema.bumpGenerationSQL)
      return result
    }
  }

  /// The number of invocations the store holds.
  public func invocationCount() async throws -> Int {
    try await database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM invocation") ?? 0 }
  }

  /// Whether the store holds no invocation: cheap at any size, unlike a count.
  public func isEmpty() async throws -> Bool {
    try await database.read { db in
      try Bool.fetchOne(db, sql: "SELECT NOT EXISTS (SELECT 1 FROM invocation)") ?? true
    }
  }

  /// Answers an action through its request type's `EmbeddedAnswerable`
  /// conformance; one without is `UnsupportedOperation`.
  public func send<Request: TATRequest>(_ request: Request) async throws -> Request.Response {
    guard let answerable = request as? any EmbeddedAnswerable else {
      throw TATError(
        code: TATError.Code.unsupportedOperation,
        message: "The embedded backend does not answer \(Request.action).", requestId: RequestID.random())
    }
    guard let response = try await answerable.answer(from: self) as? Request.Response else {
      throw TATError(
        code: TATError.Code.internalError,
        message: "The embedded backend answered \(Request.action) with another action's response.",
        requestId: RequestID.random())
    }
    return response
  }

  func respond(to request: DescribeInvocationsRequest) async throws -> DescribeInvocationsResponse {
    let condition = RowCondition { condition in
      if let ids = request.invocationIds { condition.require("invocation_id", in: ids) }
      condition.require(request.filters, columns: InvocationRows.filterColumns)
    }
    let page = Page(request.limit, request.offset)
    return try await answer(request) { db, requestId in
      let generation = try Self.generation(in: db)
      let total = try self.counts.count(of: "invocation", matching: condition, in: db, generation: generation)
      var invocations = try self.page(
        of: "invocation", matching: condition, page: page, order: .newestFirstThenLastRow,
        selection: InvocationRows.selection, columns: InvocationRows.columns.count, createdTimeColumn: 7,
        generation: generation, in: db, decode: InvocationRows.invocation(from:))
      let basics = try Self.taskBasics(of: invocations.map(\.invocationId), in: db)
      for index in invocations.indices {
        invocations[index].invocationTaskBasicInfoSet = basics[invocations[index].invocationId] ?? []
      }
      return DescribeInvocationsResponse(totalCount: total, invocationSet: invocations, requestId: requestId)
    }
  }

  func respond(to request: DescribeInvocationTasksRequest) async throws -> DescribeInvocationTasksResponse {
    let condition = RowCondition { condition in
      if let ids = request.invocationTaskIds { condition.require("invocation_task_id", in: ids) }
      condition.require(request.filters, columns: TaskRows.filterColumns)
    }
    let page = Page(request.limit, request.offset)
    let includingOutput = request.hideOutput == false
    return try await answer(request) { db, requestId in
      let generation = try Self.generation(in: db)
      let total = try self.counts.count(
        of: "invocation_task", matching: condition, in: db, generation: generation)
      let tasks = try self.page(
        of: "invocation_task", matching: condition, page: page, order: .newestFirstThenFirstRow,
        selection: TaskRows.selection, columns: TaskRows.columns.count, createdTimeColumn: 14,
        generation: generation, in: db
      ) { TaskRows.task(from: $0, includingOutput: includingOutput) }
      return DescribeInvocationTasksResponse(
        totalCount: total, invocationTaskSet: tasks, requestId: requestId)
    }
  }

  func respond(to request: DescribeCommandsRequest) async throws -> DescribeCommandsResponse {
    let condition = RowCondition { condition in
      if let ids = request.commandIds { condition.require("command_id", in: ids) }
      condition.require(request.filters, columns: CommandRows.filterColumns)
      condition.require(clause: "saved = 1", values: [])
      CommandRows.requireJSONFilters(request.filters, into: &condition)
    }
    let page = Page(request.limit, request.offset)
    return try await answer(request) { db, requestId in
      let total = try self.counts.count(
        of: "command", matching: condition, in: db, generation: try Self.generation(in: db))
      let commands = try Row.fetchAll(
        db.cachedStatement(
          sql:
            "SELECT * FROM command\(condition.sql) ORDER BY created_time DESC, command_id DESC LIMIT ? OFFSET ?"
        ),
        arguments: condition.arguments + [page.limit, page.offset]
      ).map(CommandRows.command(from:))
      return DescribeCommandsResponse(totalCount: total, commandSet: commands, requestId: requestId)
    }
  }

  /// Validates `request` and runs a read for it under a fresh `RequestId`,
  /// which every answer carries, errors included; store failures become `InternalError`.
  func answer<Response: Sendable>(
    _ request: some TATRequest, _ read: @escaping @Sendable (Database, String) throws -> Response
  ) async throws -> Response {
    let requestId = RequestID.random()
    do {
      try request.validate()
      if readsOnCallingThread { return try readNow { db in try read(db, requestId) } }
      return try await database.read { db in try read(db, requestId) }
    } catch var error as TATError {
      error.requestId = error.requestId ?? requestId
      throw error
    } catch is CancellationError {
      throw CancellationError()
    } catch {
      throw TATError(
        code: TATError.Code.internalError, message: "The embedded store failed: \(Self.failure(error))",
        requestId: requestId)
    }
  }

  /// One page of a listing, newest first: from where the previous page
  /// ended when that is remembered (`PageCursors`), else `Offset` rows from
  /// the top, skipped in the index alone, which is cheaper than in the table.
  /// Rows are read in place from the statement, not copied first.
  /// - Parameters:
  ///   - columns: how many columns `selection` has; the row id is selected after them.
  ///   - createdTimeColumn: where `created_time` is in `selection`.
  private func page<Item>(
    of table: String, matching condition: RowCondition, page: Page, order: PageCursors.Order,
    selection: String, columns: Int, createdTimeColumn: Int, generation: Int, in db: Database,
    decode: @escaping (Row) -> Item
  ) throws -> [Item] {
    let start = cursors.seek(
      table, matching: condition, order: order, offset: page.offset, generation: generation)
    var last: PageCursors.Key?
    let items = try Array(
      Row.fetchCursor(
        db.cachedStatement(
          sql: """
            SELECT \(selection), id FROM \(table) WHERE id IN (
              SELECT id FROM \(table)\(start.sql) ORDER BY \(order.sql) LIMIT ? OFFSET ?)
            ORDER BY \(order.sql)
            """),
        arguments: start.arguments + [page.limit, start.offset]
      ).map { row in
        last = PageCursors.Key(createdTime: row[createdTimeColumn], rowId: row[columns])
        return decode(row)
      })
    if let last {
      cursors.remember(
        table, matching: condition, offset: page.offset + items.count, after: last, generation: generation)
    }
    return items
  }

  /// The store's generation as the read transaction of `db` sees it.
  static func generation(in db: Database) throws -> Int {
    try Int.fetchOne(db.cachedStatement(sql: StoreSchema.generationSQL)) ?? 0
  }

  /// A read on the calling thread, for code that is not async.
  func readNow<T>(_ body: (Database) throws -> T) throws -> T {
    try database.read(body)
  }

  /// Validates `request` and makes its change under a fresh `RequestId`, as `answer` reads.
  func mutate<Response: Sendable>(
    _ request: some TATRequest, _ write: @escaping @Sendable (Database, String) throws -> Response
  ) async throws -> Response {
    let requestId = RequestID.random()
    do {
      try request.validate()
      return try change { db in try write(db, requestId) }
    } catch var error as TATError {
      error.requestId = error.requestId ?? requestId
      throw error
    } catch {
      throw TATError(
        code: TATError.Code.internalError, message: "The embedded store failed: \(Self.failure(error))",
        requestId: requestId)
    }
  }

  /// The basic task info of each invocation, in the order the tasks were created.
  private static func taskBasics(of invocationIds: [String], in db: Database) throws
    -> [String: [InvocationTaskBasicInfo]]
  {
    guard !invocationIds.isEmpty else { return [:] }
    let marks = Array(repeating: "?", count: invocationIds.count).joined(separator: ", ")
    var basics: [String: [InvocationTaskBasicInfo]] = [:]
    let rows = try Row.fetchCursor(
      db.cachedStatement(
        sql: """
          SELECT invocation_id, invocation_task_id, task_status, instance_id FROM invocation_task
          WHERE invocation_id IN (\(marks)) ORDER BY invocation_id, id
          """),
      arguments: StatementArguments(invocationIds))
    while let row = try rows.next() {
      basics[row[0], default: []].append(
        InvocationTaskBasicInfo(invocationTaskId: row[1], taskStatus: row[2], instanceId: row[3]))
    }
    return basics
  }
}

/// `Limit` and `Offset` with the API's defaults applied.
struct Page {
  static let defaultLimit = 20
  var limit: Int
  var offset: Int

  init(_ limit: Int?, _ offset: Int?) {
    self.limit = limit ?? Self.defaultLimit
    self.offset = offset ?? 0
  }
}

extension DescribeInvocationsRequest: EmbeddedAnswerable {
  func answer(from tat: EmbeddedTAT) async throws -> DescribeInvocationsResponse {
    try await tat.respond(to: self)
  }
}

extension DescribeInvocationTasksRequest: EmbeddedAnswerable {
  func answer(from tat: EmbeddedTAT) async throws -> DescribeInvocationTasksResponse {
    try await tat.respond(to: self)
  }
}

extension DescribeCommandsRequest: EmbeddedAnswerable {
  func answer(from tat: EmbeddedTAT) async throws -> DescribeCommandsResponse {
    try await tat.respond(to: self)
  }

}

extension EmbeddedTAT {
  /// A store failure as a client is told it: SQLite's code and message, never
  /// the statement that failed (which names the store's tables and columns).
  static func failure(_ error: any Error) -> String {
    guard let error = error as? DatabaseError else { return "\(error)" }
    return "SQLite error \(error.resultCode.rawValue): \(error.message ?? "\(error.resultCode)")"
  }
}
