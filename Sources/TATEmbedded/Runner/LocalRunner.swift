import Foundation
import GRDB
import Synchronization
import TATCore

/// Runs an invocation's tasks on local instances and records what happened:
/// PENDING → RUNNING → SUCCESS / FAILED / TIMEOUT, or, when cancelled,
/// CANCELLED (not started) and TERMINATED (stopped), with times, exit codes
/// and output (base64, cut at 24 KB with `Dropped` set). Every state is
/// written as it happens, so a `watch` sees progress.
struct LocalRunner {
  let store: EmbeddedTAT

  static let outputLimit = 24 * 1024
  static let parallelTasks = 64
  /// How often the runner looks for cancellations in the store.
  static let cancellationCheck = 0.1

  private struct Work {
    var script: String
    var timeout: Int
    var directory: String?
    var tasks: [(taskId: String, instanceId: String)]
  }

  private final class Running {
    let taskId: String
    let process: ScriptProcess
    let outputPath: String
    let started: Date
    var stoppedAs: TaskStatus?

    init(taskId: String, process: ScriptProcess, outputPath: String, started: Date) {
      self.taskId = taskId
      self.process = process
      self.outputPath = outputPath
      self.started = started
    }
  }

  /// Claims the invocation's PENDING tasks for this process and runs them to their end.
  func run(invocationId: String) async throws {
    guard let work = try claim(invocationId) else { return }
    var waiting = work.tasks[...]
    var running: [Running] = []
    var lastCheck = Date.distantPast
    let begun = Date()
    let outputs = store.folder.appendingPathComponent("runs")
    try FileManager.default.createDirectory(at: outputs, withIntermediateDirectories: true)
    let environment = Self.environment()
    while !waiting.isEmpty || !running.isEmpty {
      var changed = false
      if Date().timeIntervalSince(lastCheck) >= Self.cancellationCheck {
        lastCheck = Date()
        let cancelled = try store.readNow { db in
          try String.fetchSet(
            db,
            sql: """
              SELECT invocation_task_id FROM invocation_task
              WHERE invocation_id = ? AND task_status IN ('CANCELLING', 'CANCELLED')
              """, arguments: [invocationId])
        }
        waiting = waiting.filter { !cancelled.contains($0.taskId) }[...]
        for task in running where cancelled.contains(task.taskId) && task.stoppedAs == nil {
          task.stoppedAs = .terminated
          task.process.kill()
        }
      }
      var started: [(String, ScriptProcess)] = []
      var failedToStart: [(String, String)] = []
      let batch = Array(waiting.prefix(Self.parallelTasks - running.count))
      waiting = waiting.dropFirst(batch.count)
      for (task, outcome) in zip(batch, spawn(batch, work: work, outputs: outputs, environment: environment))
      {
        switch outcome {
        case .success(let process):
          running.append(
            Running(
              taskId: task.taskId, process: process,
              outputPath: outputs.appendingPathComponent("\(task.taskId).out").path, started: Date()))
          started.append((task.taskId, process))
        case .failure(let error):
          failedToStart.append((task.taskId, error.description))
        }
      }
      var finished: [(Running, Int32)] = []
      for task in running {
        if let code = task.process.exitCode() {
          finished.append((task, code))
        } else if task.stoppedAs == nil, Date().timeIntervalSince(task.started) >= Double(work.timeout) {
          task.stoppedAs = .timeout
          task.process.kill()
        }
      }
      running.removeAll { task in finished.contains { $0.0 === task } }
      if !started.isEmpty || !failedToStart.isEmpty || !finished.isEmpty {
        try record(
          invocationId, started: started, failedToStart: failedToStart,
          finished: finished.map { ($0.0, $0.1) })
        changed = true
      }
      // Quick commands are looked at often; long ones every few milliseconds.
      if !changed {
        try await Task.sleep(nanoseconds: Date().timeIntervalSince(begun) < 0.2 ? 1_000_000 : 5_000_000)
      }
    }
  }

  /// A reason a task could not start.
  private struct StartFailure: Error, CustomStringConvertible {
    var description: String
  }

  /// Starts the scripts of `tasks`, several at once (each start waits for its
  /// child to load `/bin/sh`); their processes, in order.
  private func spawn(
    _ tasks: [(taskId: String, instanceId: String)], work: Work, outputs: URL, environment: [String: String]
  ) -> [Result<ScriptProcess, StartFailure>] {
    let results = Mutex([Int: Result<ScriptProcess, StartFailure>]())
    DispatchQueue.concurrentPerform(iterations: tasks.count) { index in
      let task = tasks[index]
      let home = store.folder(of: task.instanceId)
      let directory = work.directory.map { Self.resolve($0, in: home) } ?? home.path
      let outcome: Result<ScriptProcess, StartFailure>
      do {
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        outcome = .success(
          try ScriptProcess(
            script: work.script, directory: directory,
            outputPath: outputs.appendingPathComponent("\(task.taskId).out").path, environment: environment))
      } catch {
        outcome = .failure(StartFailure(description: "cannot start /bin/sh in \(directory): \(error)"))
      }
      results.withLock { $0[index] = outcome }
    }
    return results.withLock { results in tasks.indices.map { results[$0]! } }
  }

  /// The invocation's script and its PENDING tasks, now marked as this process's.
  private func claim(_ invocationId: String) throws -> Work? {
    try store.change { db in
      try db.execute(
        sql: """
          UPDATE invocation_task SET runner_pid = ?
          WHERE invocation_id = ? AND task_status = 'PENDING'
          """, arguments: [getpid(), invocationId])
      guard
        let row = try Row.fetchOne(
          db,
          sql: """
            SELECT command_content, parameters, default_parameters, timeout, working_directory
            FROM invocation WHERE invocation_id = ?
            """, arguments: [invocationId])
      else { return nil }
      let tasks = try Row.fetchAll(
        db,
        sql: """
          SELECT invocation_task_id, instance_id FROM invocation_task
          WHERE invocation_id = ? AND runner_pid = ? AND task_status = 'PENDING' ORDER BY id
          """, arguments: [invocationId, getpid()]
      ).map { (taskId: $0[0] as String, instanceId: $0[1] as String) }
      let template = (row[0] as String?).flatMap { Data(base64Encoded: $0) }.map {
        String(decoding: $0, as: UTF8.self)
      }
      let parameters = try (row[1] as String?).map {
        try CommandParameters(json: $0, parameter: "Parameters")
      }
      let defaults = try (row[2] as String?).map {
        try CommandParameters(json: $0, parameter: "DefaultParameters")
      }
      let script = try (parameters ?? CommandParameters()).filling(
        template ?? "", defaults: defaults ?? CommandParameters())
      return Work(
        script: script, timeout: row[3] ?? RunCommandRequest.defaultTimeout, directory: row[4], tasks: tasks)
    }
  }

  /// Writes what happened since the last look, and the invocation's status that follows.
  private func record(
    _ invocationId: String, started: [(String, ScriptProcess)], failedToStart: [(String, String)],
    finished: [(Running, Int32)]
  ) throws {
    let now = EmbeddedTAT.now()
    let results = finished.map { task, code in (task, code, Self.output(at: task.outputPath)) }
    try store.change { db in
      for (taskId, process) in started {
        try db.cachedStatement(
          sql: """
            UPDATE invocation_task SET task_status = 'RUNNING', start_time = ?, exec_start_time = ?, updated_time = ?,
              script_group = ?, script_started = ?
            WHERE invocation_task_id = ?
            """
        ).execute(arguments: [now, now, now, process.pid, process.startTime, taskId])
      }
      for (taskId, error) in failedToStart {
        try db.cachedStatement(
          sql: """
            UPDATE invocation_task SET task_status = 'START_FAILED', error_info = ?, end_time = ?, updated_time = ?
            WHERE invocation_task_id = ?
            """
        ).execute(arguments: [error, now, now, taskId])
      }
      for (task, code, output) in results {
        let status = task.stoppedAs ?? (code == 0 ? .success : .failed)
        let error: String? =
          switch task.stoppedAs {
          case .timeout?: "The command did not finish within its timeout and was stopped."
          case .terminated?: "The command was cancelled while it ran and was stopped."
          default: nil
          }
        try db.cachedStatement(
          sql: """
            UPDATE invocation_task SET task_status = ?, exit_code = ?, output = ?, dropped = ?, exec_end_time = ?,
              end_time = ?, updated_time = ?, error_info = ?
            WHERE invocation_task_id = ?
            """
        ).execute(
          arguments: [
            status.rawValue, task.stoppedAs == nil ? Int(code) : nil, output.text, output.dropped, now, now,
            now,
            error, task.taskId,
          ])
      }
      try EmbeddedTAT.refreshStatus(of: invocationId, in: db, now: now)
    }
    for (task, _, _) in results { try? FileManager.default.removeItem(atPath: task.outputPath) }
  }

  /// The first 24 KB of a task's output, base64-encoded, and how many bytes were cut.
  private static func output(at path: String) -> (text: String, dropped: Int) {
    guard let handle = FileHandle(forReadingAtPath: path) else { return ("", 0) }
    defer { try? handle.close() }
    let kept = (try? handle.read(upToCount: outputLimit)) ?? Data()
    let size = (try? handle.seekToEnd()).map(Int.init) ?? kept.count
    return (kept.base64EncodedString(), max(0, size - kept.count))
  }

  private static func resolve(_ directory: String, in home: URL) -> String {
    directory.hasPrefix("/") ? directory : home.appendingPathComponent(directory).path
  }

  /// The runner's environment without Tencent Cloud credentials, which a command has no business seeing.
  private static func environment() -> [String: String] {
    ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("TENCENTCLOUD_") }
  }
}
