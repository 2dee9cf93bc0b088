import Foundation
import TATCore

#if canImport(Glibc)
  import Glibc
#endif

/// Output longer than the screen, shown through `$PAGER` (`less -SRFX` by
/// default), as psql and git do.
///
/// The pager must stay in tatsh's process group, the terminal's foreground
/// one: it reads its keys from the terminal. (Foundation's `Process` starts
/// programs in a session of their own, where `less` has no terminal, prints
/// a screenful and quits: the rest of the output was lost.)
enum Pager {
  static let defaultCommand = "less -SRFX"

  /// Shows `text` in the pager and waits until the user leaves it; false
  /// if the pager could not be started or was not found (then the caller prints the text).
  static func show(_ text: String, environment: [String: String]) -> Bool {
    let command = environment["PAGER"].flatMap { $0.isEmpty ? nil : $0 } ?? defaultCommand
    var pagerEnvironment = environment
    if pagerEnvironment["LESS"] == nil { pagerEnvironment["LESS"] = "-SRFX" }
    var ends: [Int32] = [-1, -1]
    guard pipe(&ends) == 0 else { return false }
    _ = fcntl(ends[1], F_SETFD, FD_CLOEXEC)
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_adddup2(&actions, ends[0], 0)
    SpawnActions.closeInherited(&actions)
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    // The pager gets the usual signals back (tatsh ignores SIGPIPE, and catches SIGINT).
    var defaults = sigset_t()
    sigemptyset(&defaults)
    for number in [SIGPIPE, SIGINT, SIGTERM, SIGHUP] { sigaddset(&defaults, number) }
    posix_spawnattr_setsigdefault(&attributes, &defaults)
    var unblocked = sigset_t()
    sigemptyset(&unblocked)
    posix_spawnattr_setsigmask(&attributes, &unblocked)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
    let argv = ["/bin/sh", "-c", command]
    var arguments = argv.map { strdup($0) } + [nil]
    var variables = pagerEnvironment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer {
      arguments.forEach { free($0) }
      variables.forEach { free($0) }
    }
    var pid: pid_t = 0
    let spawned = posix_spawn(&pid, "/bin/sh", &actions, &attributes, &arguments, &variables)
    close(ends[0])
    guard spawned == 0 else {
      close(ends[1])
      return false
    }
    // A pager that quits early (q in less) closes its end: the rest is not wanted.
    signal(SIGPIPE, SIG_IGN)
    var bytes = Array(text.utf8)[...]
    while !bytes.isEmpty {
      let written = bytes.withUnsafeBytes { write(ends[1], $0.baseAddress, $0.count) }
      if written > 0 {
        bytes = bytes.dropFirst(written)
      } else if written < 0, errno == EINTR {
        continue
      } else {
        break
      }
    }
    close(ends[1])
    var status: Int32 = 0
    while waitpid(pid, &status, 0) == -1, errno == EINTR {}
    // 127: the shell found no such pager.
    return !(status & 0x7F == 0 && (status >> 8) & 0xFF == 127)
  }
}
