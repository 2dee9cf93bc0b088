import Foundation
import TATCore

#if canImport(Glibc)
  import Glibc
#endif

/// Where the local runner of a new invocation runs.
public enum RunnerLaunch: Sendable {
  /// In this process, as a task: for tests and programs that outlive their invocations.
  case inProcess
  /// In a process of its own, started as `executable arguments… INVOCATION_ID`
  /// in a session of its own, so that it finishes the invocation even when
  /// the program that made it exits (`tatsh -c 'run … --no-wait'`).
  case process(executable: String, arguments: [String])
}

extension EmbeddedTAT {
  /// Runs the PENDING tasks of `invocationId` in this process, to their end (`tatsh runner`).
  public func runTasks(of invocationId: String) async throws {
    try await LocalRunner(store: self).run(invocationId: invocationId)
  }

  /// Starts the runner of `invocationId` as `runnerLaunch` says.
  func launchRunner(for invocationId: String) {
    switch runnerLaunch {
    case .inProcess:
      Task.detached { [self] in
        do {
          try await LocalRunner(store: self).run(invocationId: invocationId)
        } catch {
          FileHandle.standardError.write(Data("tatsh: the runner of \(invocationId) failed: \(error)\n".utf8))
        }
      }
    case .process(let executable, let arguments):
      spawnDetached(
        executable, arguments + [invocationId], of: invocationId,
        log: folder.appendingPathComponent("runs/runner.log"))
    }
  }

  private func spawnDetached(_ executable: String, _ arguments: [String], of invocationId: String, log: URL) {
    try? FileManager.default.createDirectory(
      at: log.deletingLastPathComponent(), withIntermediateDirectories: true)
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, log.path, O_WRONLY | O_CREAT | O_APPEND, 0o600)
    posix_spawn_file_actions_adddup2(&actions, 1, 2)
    SpawnActions.closeInherited(&actions)
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    SpawnAttributes.resetSignals(&attributes, flags: SpawnAttributes.newSession)
    var argv = ([executable] + arguments).map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    var pid: pid_t = 0
    let spawned = posix_spawn(&pid, executable, &actions, &attributes, &argv, environ)
    guard spawned == 0 else {
      try? failUnstarted(
        invocationId,
        reason: "tatsh could not start its runner \(executable): \(String(cString: strerror(spawned)))."
      )
      return
    }
    try? handOver(invocationId, to: pid)
    // Reaped when it ends, so that it leaves no zombie behind in a long-lived
    // process (serve, the shell); a runner that died leaves its tasks told at once.
    let runner = pid
    Thread.detachNewThread { [self] in
      var status: Int32 = 0
      while waitpid(runner, &status, 0) == -1, errno == EINTR {}
      if status != 0 { try? recoverAbandonedTasks() }
    }
  }

  /// Makes `runner` the owner of the tasks of `invocationId` that this
  /// process still owns, so that they outlive this process.
  private func handOver(_ invocationId: String, to runner: pid_t) throws {
    try change { db in
      try db.execute(
        sql: """
          UPDATE invocation_task SET runner_pid = ?
          WHERE invocation_id = ? AND task_status = 'PENDING' AND runner_pid = ?
          """, arguments: [runner, invocationId, getpid()])
    }
  }

  /// Ends DELIVER_FAILED, with `reason`, the PENDING tasks of `invocationId`
  /// that no runner took over from this process.
  private func failUnstarted(_ invocationId: String, reason: String) throws {
    let now = Self.now()
    try change { db in
      try db.execute(
        sql: """
          UPDATE invocation_task SET task_status = 'DELIVER_FAILED', error_info = ?, end_time = ?, updated_time = ?
          WHERE invocation_id = ? AND task_status = 'PENDING' AND runner_pid = ?
          """, arguments: [reason, now, now, invocationId, getpid()])
      if db.changesCount > 0 { try Self.refreshStatus(of: invocationId, in: db, now: now) }
    }
  }
}
