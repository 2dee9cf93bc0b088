#if canImport(Glibc)
  import Glibc
#endif

/// Spawn attributes every process the runner starts shares.
enum SpawnAttributes {
  /// glibc's POSIX_SPAWN_SETSID, which Swift's Glibc module leaves out.
  static let newSession: Int32 = 0x80

  /// The child starts with no signal blocked and the usual actions for the
  /// signals tatsh handles or ignores itself; `flags` adds a process group or a session.
  static func resetSignals(_ attributes: inout posix_spawnattr_t, flags: Int32) {
    var unblocked = sigset_t()
    sigemptyset(&unblocked)
    posix_spawnattr_setsigmask(&attributes, &unblocked)
    var defaults = sigset_t()
    sigemptyset(&defaults)
    for signal in [SIGPIPE, SIGINT, SIGTERM, SIGHUP] { sigaddset(&defaults, signal) }
    posix_spawnattr_setsigdefault(&attributes, &defaults)
    posix_spawnattr_setflags(&attributes, Int16(flags | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
  }
}
