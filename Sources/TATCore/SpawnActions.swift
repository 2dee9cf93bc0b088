#if canImport(Glibc)
  import Glibc
#endif

/// File actions of glibc that Swift's Glibc module leaves out, found at run
/// time: for the processes tatsh starts (runners, scripts, plugins, hooks).
public enum SpawnActions {
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
  public static func changeDirectory(_ actions: inout posix_spawn_file_actions_t, to directory: String)
    -> Bool
  {
    guard let addDirectory else { return false }
    return addDirectory(&actions, directory) == 0
  }

  /// The child gets no descriptor but stdin, stdout and stderr: none of the
  /// store's, and none that tatsh inherited, such as a pipe or socket that
  /// tatsh's own parent watches to see it end.
  public static func closeInherited(_ actions: inout posix_spawn_file_actions_t) {
    _ = addCloseFrom?(&actions, 3)
  }
}
