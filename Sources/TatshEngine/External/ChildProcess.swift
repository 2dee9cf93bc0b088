import Foundation
import TATCore

#if canImport(Glibc)
  import Glibc
#endif

/// A program run with pipes on its stdin, stdout and stderr, none of them
/// inherited by anything else it or tatsh starts, all three non-blocking so
/// that one task can feed and drain it without deadlock. It gets no other
/// descriptor of tatsh's.
final class ChildProcess {
  let pid: pid_t
  /// Where tatsh writes the child's input; -1 once closed.
  private(set) var input: Int32
  let output: Int32
  let errors: Int32
  private var status: Int32?

  /// Starts `executable` with `arguments` (without the program name) and `environment`.
  init(executable: String, arguments: [String], environment: [String: String]) throws {
    var stdinPipe: [Int32] = [-1, -1]
    var stdoutPipe: [Int32] = [-1, -1]
    var stderrPipe: [Int32] = [-1, -1]
    guard pipe(&stdinPipe) == 0, pipe(&stdoutPipe) == 0, pipe(&stderrPipe) == 0 else {
      throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
    }
    for descriptor in stdinPipe + stdoutPipe + stderrPipe {
      _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
    }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_adddup2(&actions, stdinPipe[0], 0)
    posix_spawn_file_actions_adddup2(&actions, stdoutPipe[1], 1)
    posix_spawn_file_actions_adddup2(&actions, stderrPipe[1], 2)
    SpawnActions.closeInherited(&actions)
    let argv = [executable] + arguments
    var cArguments = argv.map { strdup($0) } + [nil]
    var cEnvironment = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer {
      cArguments.forEach { free($0) }
      cEnvironment.forEach { free($0) }
    }
    // tatsh ignores SIGPIPE (it handles EPIPE itself); the child gets the usual signals back.
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var defaults = sigset_t()
    sigemptyset(&defaults)
    sigaddset(&defaults, SIGPIPE)
    sigaddset(&defaults, SIGINT)
    posix_spawnattr_setsigdefault(&attributes, &defaults)
    // A process group of its own, so that ending it ends what it started too.
    posix_spawnattr_setpgroup(&attributes, 0)
    // The thread that spawns may block signals; the child starts with none blocked.
    var unblocked = sigset_t()
    sigemptyset(&unblocked)
    posix_spawnattr_setsigmask(&attributes, &unblocked)
    posix_spawnattr_setflags(
      &attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK))
    var pid: pid_t = 0
    let result = posix_spawn(&pid, executable, &actions, &attributes, &cArguments, &cEnvironment)
    close(stdinPipe[0])
    close(stdoutPipe[1])
    close(stderrPipe[1])
    guard result == 0 else {
      [stdinPipe[1], stdoutPipe[0], stderrPipe[0]].forEach { close($0) }
      throw POSIXError(POSIXErrorCode(rawValue: result) ?? .EIO)
    }
    self.pid = pid
    input = stdinPipe[1]
    output = stdoutPipe[0]
    errors = stderrPipe[0]
    for descriptor in [input, output, errors] {
      _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
    }
  }

  deinit {
    terminate()
    closeInput()
    close(output)
    close(errors)
  }

  /// Closes the child's stdin: it reads end of file.
  func closeInput() {
    guard input >= 0 else { return }
    close(input)
    input = -1
  }

  /// Ends the child and everything it started (SIGTERM, then SIGKILL), and reaps it.
  func terminate() {
    if status == nil, exitStatus() == nil {
      kill(-pid, SIGTERM)
      for _ in 0..<50 where exitStatus() == nil { usleep(10_000) }
      if exitStatus() == nil {
        kill(-pid, SIGKILL)
        _ = waitForExit()
      }
    }
    // What the child left running in its group goes too.
    kill(-pid, SIGKILL)
  }

  /// The exit status if the child has ended (reaping it), nil while it runs.
  /// A child killed by a signal reports 128 + the signal.
  func exitStatus() -> Int32? {
    if let status { return status }
    var raw: Int32 = 0
    let result = waitpid(pid, &raw, WNOHANG)
    guard result == pid else { return nil }
    status = Self.decode(raw)
    return status
  }

  /// Waits for the child to end; its exit status.
  func waitForExit() -> Int32 {
    if let status { return status }
    var raw: Int32 = 0
    while waitpid(pid, &raw, 0) == -1, errno == EINTR {}
    let decoded = Self.decode(raw)
    status = decoded
    return decoded
  }

  /// Appends what can be read from `descriptor` now, up to 1 MB, to
  /// `buffer`; false at end of file. The bound keeps a program that writes
  /// faster than it is read from filling memory before anything is handled.
  static func readAvailable(from descriptor: Int32, into buffer: inout [UInt8]) -> Bool {
    var chunk = [UInt8](repeating: 0, count: 65_536)
    for _ in 0..<16 {
      let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
      if count > 0 {
        buffer += chunk[0..<count]
      } else {
        return count < 0 && (errno == EAGAIN || errno == EINTR)
      }
    }
    return true
  }

  private static func decode(_ raw: Int32) -> Int32 {
    let signal = raw & 0x7F
    return signal == 0 ? (raw >> 8) & 0xFF : 128 + signal
  }
}
