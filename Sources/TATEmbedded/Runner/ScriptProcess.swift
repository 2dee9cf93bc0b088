import Foundation
import TATCore

#if canImport(Glibc)
  import Glibc
#endif

/// One task's script under `/bin/sh`, in a process group of its own (so that
/// a timeout or a cancel ends everything it started), with stdin from
/// /dev/null and stdout and stderr together in a file. Sendable because
/// only its owner, the runner's loop, looks at it after it starts.
final class ScriptProcess: @unchecked Sendable {
  let pid: pid_t
  private var status: Int32?

  init(script: String, directory: String, outputPath: String, environment: [String: String]) throws {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_adddup2(&actions, 1, 2)
    guard SpawnActions.changeDirectory(&actions, to: directory) else { throw POSIXError(.EINVAL) }
    SpawnActions.closeInherited(&actions)
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    posix_spawnattr_setpgroup(&attributes, 0)
    SpawnAttributes.resetSignals(&attributes, flags: POSIX_SPAWN_SETPGROUP)
    let argv: [String] = ["/bin/sh", "-c", script]
    var arguments = argv.map { strdup($0) } + [nil]
    var variables = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer {
      arguments.forEach { free($0) }
      variables.forEach { free($0) }
    }
    var pid: pid_t = 0
    let result = posix_spawn(&pid, "/bin/sh", &actions, &attributes, &arguments, &variables)
    guard result == 0 else { throw POSIXError(POSIXErrorCode(rawValue: result) ?? .EIO) }
    self.pid = pid
  }

  /// The exit code once the script has ended (reaping it), nil while it runs;
  /// 128 + the signal for a script killed by one.
  func exitCode() -> Int32? {
    if let status { return status }
    var raw: Int32 = 0
    guard waitpid(pid, &raw, WNOHANG) == pid else { return nil }
    let signal = raw & 0x7F
    status = signal == 0 ? (raw >> 8) & 0xFF : 128 + signal
    return status
  }

  /// Ends the script and everything it started.
  func kill() {
    _ = Glibc.kill(-pid, SIGKILL)
  }

  /// When the script's process started, in clock ticks since boot: with its
  /// pid (which is its process group), what tells it from a later process
  /// that was given the same number.
  var startTime: Int? { Self.startTime(of: pid) }

  static func startTime(of pid: pid_t) -> Int? {
    guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
      let end = stat.lastIndex(of: ")")
    else { return nil }
    // After the command's name: state is field 3, start time field 22.
    let fields = stat[stat.index(after: end)...].split(separator: " ")
    return fields.count > 19 ? Int(fields[19]) : nil
  }

  /// Ends what is left of the process group a runner that died had started
  /// a script in. Its number cannot be reused while any process is in the
  /// group, so the group is killed unless its leader is alive and is a
  /// later process than the one recorded.
  static func endOrphans(group: pid_t, started: Int?) {
    guard group > 1 else { return }
    if let started, let now = startTime(of: group), now != started { return }
    _ = Glibc.kill(-group, SIGKILL)
  }

  deinit {
    if exitCode() == nil {
      kill()
      var raw: Int32 = 0
      while waitpid(pid, &raw, 0) == -1, errno == EINTR {}
    }
  }
}
