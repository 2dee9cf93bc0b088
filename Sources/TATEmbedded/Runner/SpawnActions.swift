#if canImport(Glibc)
  import Glibc
#endif

/// File actions of glibc that Swift's Glibc module leaves out, found at run time.
enum SpawnActions {
  private typealias AddDirectory =
    @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32
  private typealias AddCloseFrom =
    @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32

  private static func symbol<T>(_ name: String, as type: T.Type) -> T? {
    dlsym(UnsafeMutableRawPointer(bitPattern: 0), name).map { unsafeBitCast($0, to: type) }
  }

  private static let addDirectory = symbol("posix_spawn_file_actions_addchdir_np", as: AddDirectory.self)
  private static let addCloseFrom = symbol("posix_spawn_file_actions_addclosefrom_np", as: AddCloseFrom.self)

  /// The child starts in `directory`; a missing one fails the spawn. False where glibc cannot (before 2.29).
  static func changeDirectory(_ actions: inout posix_spawn_file_actions_t, to directory: String) -> Bool {
    guard let addDirectory else { return false }
    return addDirectory(&actions, directory) == 0
  }

  /// The child gets no descriptor but stdin, stdout and stderr: none of the
  /// store's, and none of a pipe that a parent waits on to see it end.
  static func closeInherited(_ actions: inout posix_spawn_file_actions_t) {
    _ = addCloseFrom?(&actions, 3)
  }
}

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
