import Foundation
import GRDB
import TATCore

#if canImport(Glibc)
  import Glibc
#endif

/// `RunCommand`, `InvokeCommand` and `CancelInvocation` on the embedded
/// store: invocations of SHELL scripts on its local instances, run for real
/// by `LocalRunner`.
extension EmbeddedTAT {
  func respond(to request: RunCommandRequest) async throws -> RunCommandResponse {
    let response = try await mutate(request) { db, requestId in
      let commandId = try Self.newId(ResourceID.commandPrefix, table: "command", column: "command_id", in: db)
      let now = Self.now()
      let command = Command(
        commandId: commandId, commandName: request.commandName ?? "tatsh-run",
        description: request.description,
        content: request.content, commandType: request.commandType ?? CommandType.shell.rawValue,
        workingDirectory: request.workingDirectory,
        timeout: request.timeout ?? RunCommandRequest.defaultTimeout,
        createdTime: now, updatedTime: now, enableParameter: request.enableParameter ?? false,
        defaultParameters: try request.defaultParameters ?? request.defaults()?.json,
        createdBy: CommandCreator.user.rawValue,
        tags: request.tags ?? [], username: request.username)
      try db.execute(sql: CommandRows.insertSQL, arguments: try CommandRows.arguments(for: command))
      try db.execute(
        sql: "UPDATE command SET saved = ? WHERE command_id = ?",
        arguments: [request.saveCommand == true, commandId])
      let invocationId = try Self.createInvocation(
        of: command, on: request.instanceIds ?? [], parameters: request.parameters, timeout: request.timeout,
        workingDirectory: request.workingDirectory, username: request.username, in: db)
      return RunCommandResponse(commandId: commandId, invocationId: invocationId, requestId: requestId)
    }
    launchRunner(for: response.invocationId)
    return response
  }

  func respond(to request: InvokeCommandRequest) async throws -> InvokeCommandResponse {
    let response = try await mutate(request) { db, requestId in
      guard
        let row = try Row.fetchOne(
          db, sql: "SELECT * FROM command WHERE command_id = ? AND saved = 1", arguments: [request.commandId])
      else {
        throw TATError(
          code: TATError.Code.commandNotFound,
          message: "The command `\(request.commandId ?? "")` does not exist.")
      }
      let command = try CommandRows.command(from: row)
      let invocationId = try Self.createInvocation(
        of: command, on: request.instanceIds ?? [], parameters: request.parameters, timeout: request.timeout,
        workingDirectory: request.workingDirectory, username: request.username, in: db)
      return InvokeCommandResponse(invocationId: invocationId, requestId: requestId)
    }
    launchRunner(for: response.invocationId)
    return response
  }

  func respond(to request: CancelInvocationRequest) async throws -> CancelInvocationResponse {
    try await mutate(request) { db, requestId in
      let invocationId = request.invocationId ?? ""
      guard
        try Bool.fetchOne(
          db, sql: "SELECT 1 FROM invocation WHERE invocation_id = ?", arguments: [invocationId]) == true
      else {
        throw TATError(
          code: TATError.Code.invocationNotFound, message: "The invocation `\(invocationId)` does not exist.")
      }
      var condition = "invocation_id = ?"
      var arguments: StatementArguments = [invocationId]
      if let instances = request.instanceIds {
        let known = try String.fetchSet(
          db, sql: "SELECT instance_id FROM invocation_task WHERE invocation_id = ?",
          arguments: [invocationId])
        if let stranger = instances.first(where: { !known.contains($0) }) {
          throw TATError(
            code: TATError.Code.invalidInstanceId,
            message: "The invocation `\(invocationId)` has no task on `\(stranger)`.")
        }
        condition +=
          " AND instance_id IN (\(Array(repeating: "?", count: instances.count).joined(separator: ", ")))"
        arguments += StatementArguments(instances)
      }
      let now = Self.now()
      try db.execute(
        sql: """
          UPDATE invocation_task SET task_status = 'CANCELLED', end_time = ?, updated_time = ?,
            error_info = 'Cancelled before it started.'
          WHERE \(condition) AND task_status = 'PENDING'
          """, arguments: [now, now] + arguments)
      try db.execute(
        sql: """
          UPDATE invocation_task SET task_status = 'CANCELLING', updated_time = ?
          WHERE \(condition) AND task_status = 'RUNNING'
          """, arguments: [now] + arguments)
      try Self.refreshStatus(of: invocationId, in: db, now: now)
      return CancelInvocationResponse(requestId: requestId)
    }
  }

  /// Writes an invocation of `command` and a PENDING task per instance; its id.
  private static func createInvocation(
    of command: Command, on instanceIds: [String], parameters: String?, timeout: Int?,
    workingDirectory: String?,
    username: String?, in db: Database
  ) throws -> String {
    guard command.commandType == nil || command.commandType == CommandType.shell.rawValue else {
      throw TATError(
        code: TATError.Code.unsupportedOperation,
        message: "The local runner runs SHELL commands; this one is \(command.commandType ?? "").")
    }
    let user = currentUser()
    if let username, username != user {
      throw TATError(
        code: TATError.Code.invalidUsername,
        message:
          "The local runner runs commands as `\(user)`, the user tatsh runs as; it cannot run as `\(username)`."
      )
    }
    let local = try String.fetchSet(db, sql: "SELECT instance_id FROM local_instance")
    let missing = instanceIds.filter { !local.contains($0) }
    guard missing.isEmpty else {
      throw TATError(
        code: TATError.Code.instanceNotFound,
        message:
          "\(missing.joined(separator: ", ")) \(missing.count == 1 ? "is not a local instance" : "are not local instances") of this store (`tatsh instances` lists them)."
      )
    }
    if parameters != nil, command.enableParameter != true {
      throw TATError(
        code: TATError.Code.parametersOnlyIfEnabled,
        message: "Parameters are allowed only for a command with EnableParameter.")
    }
    let script =
      command.content.flatMap { Data(base64Encoded: $0) }.map { String(decoding: $0, as: UTF8.self) } ?? ""
    let values = try parameters.map { try CommandParameters(json: $0, parameter: "Parameters") }
    let defaults = try command.defaultParameters.map {
      try CommandParameters(json: $0, parameter: "DefaultParameters")
    }
    _ = try (values ?? CommandParameters()).filling(script, defaults: defaults ?? CommandParameters())
    let invocationId = try newId(
      ResourceID.invocationPrefix, table: "invocation", column: "invocation_id", in: db)
    let now = now()
    let effectiveTimeout = timeout ?? command.timeout ?? RunCommandRequest.defaultTimeout
    let directory = workingDirectory ?? command.workingDirectory
    let invocation = Invocation(
      invocationId: invocationId, commandId: command.commandId, commandName: command.commandName,
      invocationStatus: InvocationStatus.pending.rawValue, description: command.description, createdTime: now,
      updatedTime: now, parameters: values.map { $0.masked(in: script).json },
      defaultParameters: command.defaultParameters, username: user, invocationSource: "USER",
      commandContent: command.content, commandType: CommandType.shell.rawValue, timeout: effectiveTimeout,
      workingDirectory: directory)
    try db.execute(
      sql: InvocationRows.insertSQL,
      arguments: InvocationRows.arguments(
        for: invocation, createdBy: command.createdBy ?? CommandCreator.user.rawValue))
    for instanceId in instanceIds {
      let task = InvocationTask(
        invocationId: invocationId,
        invocationTaskId: try newId(
          ResourceID.invocationTaskPrefix, table: "invocation_task", column: "invocation_task_id", in: db),
        commandId: command.commandId, taskStatus: TaskStatus.pending.rawValue, instanceId: instanceId,
        createdTime: now, updatedTime: now,
        commandDocument: CommandDocument(
          content: command.content, commandType: CommandType.shell.rawValue, timeout: effectiveTimeout,
          workingDirectory: directory, username: user),
        invocationSource: "USER", commandName: command.commandName)
      try db.execute(sql: TaskRows.insertSQL, arguments: TaskRows.arguments(for: task))
    }
    // Owned by this process until its runner takes them over, so that they
    // are settled at once if this process dies before the runner starts.
    try db.execute(
      sql: "UPDATE invocation_task SET runner_pid = ? WHERE invocation_id = ?",
      arguments: [getpid(), invocationId])
    return invocationId
  }

  /// Sets an invocation's status (and start and end times) from its tasks'.
  static func refreshStatus(of invocationId: String, in db: Database, now: String) throws {
    let statuses = try String.fetchAll(
      db, sql: "SELECT task_status FROM invocation_task WHERE invocation_id = ?", arguments: [invocationId]
    ).compactMap(TaskStatus.init(rawValue:))
    let status = InvocationStatus(aggregating: statuses)
    let started = statuses.contains { $0 != .pending && $0 != .cancelled }
    try db.execute(
      sql: """
        UPDATE invocation SET invocation_status = ?, updated_time = ?,
          start_time = CASE WHEN ? THEN COALESCE(start_time, ?) ELSE start_time END,
          end_time = CASE WHEN ? THEN COALESCE(end_time, ?) ELSE NULL END
        WHERE invocation_id = ?
        """, arguments: [status.rawValue, now, started, now, status.isFinished, now, invocationId])
  }

  /// Tells the truth about tasks whose runner is gone (killed, or the
  /// machine restarted): a task that was running ends FAILED, one that
  /// never started DELIVER_FAILED, one being cancelled TERMINATED; and ends
  /// what their scripts left running.
  func recoverAbandonedTasks() throws {
    let unfinished = try readNow { db in
      try Row.fetchAll(
        db,
        sql: """
          SELECT invocation_task_id, invocation_id, task_status, runner_pid, created_time, script_group,
            script_started
          FROM invocation_task
          WHERE task_status IN ('PENDING', 'RUNNING', 'CANCELLING')
            AND instance_id IN (SELECT instance_id FROM local_instance)
          """)
    }
    let nowSeconds = Int(Date().timeIntervalSince1970)
    let abandoned = unfinished.filter { row in
      if let pid = row[3] as Int32? { return !Self.isRunning(pid) }
      let created = APITimestamp.epochSeconds(from: row[4] as String) ?? nowSeconds
      return nowSeconds - created > Self.unclaimedGrace
    }
    guard !abandoned.isEmpty else { return }
    // No process of an invocation outlives its final state: what the dead runner's scripts left goes now.
    for row in abandoned {
      if let group = row[5] as Int32? { ScriptProcess.endOrphans(group: group, started: row[6]) }
    }
    let now = Self.now()
    try change { db in
      for row in abandoned {
        let (status, error): (TaskStatus, String) =
          switch TaskStatus(rawValue: row[2]) {
          case .running?:
            (.failed, "tatsh's runner stopped while the command ran; whether it finished is not known.")
          case .cancelling?: (.terminated, "tatsh's runner stopped while the command was being cancelled.")
          default: (.deliverFailed, "tatsh's runner stopped before the command started.")
          }
        try db.execute(
          sql: """
            UPDATE invocation_task SET task_status = ?, error_info = ?, end_time = ?, updated_time = ?
            WHERE invocation_task_id = ?
            """, arguments: [status.rawValue, error, now, now, row[0] as String])
      }
      for invocationId in Set(abandoned.map { $0[1] as String }) {
        try Self.refreshStatus(of: invocationId, in: db, now: now)
      }
    }
  }

  /// Whether process `pid` still runs: a zombie (killed, not yet reaped) does not.
  static func isRunning(_ pid: Int32) -> Bool {
    guard pid != getpid() else { return true }
    guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
      let end = stat.lastIndex(of: ")")
    else { return kill(pid, 0) == 0 || errno != ESRCH }
    let state = stat[stat.index(after: end)...].split(separator: " ").first
    return state != "Z" && state != "X"
  }

  /// Seconds a task may wait for a runner to claim it before it counts as abandoned.
  static let unclaimedGrace = 30

  private static func newId(_ prefix: String, table: String, column: String, in db: Database) throws -> String
  {
    let characters = Array("abcdefghijklmnopqrstuvwxyz0123456789")
    while true {
      let id = prefix + String((0..<8).map { _ in characters.randomElement()! })
      if try Bool.fetchOne(db, sql: "SELECT 1 FROM \(table) WHERE \(column) = ?", arguments: [id]) != true {
        return id
      }
    }
  }

  static func now() -> String { APITimestamp.string(fromEpochSeconds: Int(Date().timeIntervalSince1970)) }

  static func currentUser() -> String {
    getpwuid(geteuid()).flatMap { String(validatingCString: $0.pointee.pw_name) }
      ?? ProcessInfo.processInfo.environment["USER"] ?? "root"
  }
}

extension CommandParameters {
  /// These parameters as the record shows them: values of `{{tat-hidden:key}}` placeholders as `******`.
  func masked(in script: String) -> CommandParameters {
    var shown = self
    for key in values.keys where script.contains("{{\(Self.hiddenPrefix)\(key)}}") {
      shown.values[key] = "******"
    }
    return shown
  }
}

extension RunCommandRequest: EmbeddedAnswerable {
  func answer(from tat: EmbeddedTAT) async throws -> RunCommandResponse {
    try await tat.respond(to: self)
  }
}

extension InvokeCommandRequest: EmbeddedAnswerable {
  func answer(from tat: EmbeddedTAT) async throws -> InvokeCommandResponse {
    try await tat.respond(to: self)
  }
}

extension CancelInvocationRequest: EmbeddedAnswerable {
  func answer(from tat: EmbeddedTAT) async throws -> CancelInvocationResponse {
    try await tat.respond(to: self)
  }
}
