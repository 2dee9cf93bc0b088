import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A program in a tmux session of its own, driven as a person would:
/// `send-keys` types, `capture-pane` reads the screen.
public final class TmuxSession {
  private let socket = "tatsh-test-\(UUID().uuidString.prefix(8))"
  private let name = "shell"

  /// Starts `command` in a detached session `width` × `height` with `environment` set.
  public init(command: [String], environment: [String: String], width: Int = 160, height: Int = 50) throws {
    var arguments = ["new-session", "-d", "-s", name, "-x", String(width), "-y", String(height)]
    for (key, value) in environment where key != "TMUX" { arguments += ["-e", "\(key)=\(value)"] }
    arguments.append(command.map(Self.quoted).joined(separator: " ") + "; sleep 30")
    try tmux(arguments, capturing: false)
  }

  deinit {
    _ = try? tmux(["kill-server"], capturing: false)
  }

  /// Types `text` literally.
  public func type(_ text: String) {
    _ = try? tmux(["send-keys", "-t", name, "-l", "--", text], capturing: false)
  }

  /// Resizes the window, as a person dragging its corner would.
  public func resize(width: Int, height: Int) {
    _ = try? tmux(["resize-window", "-t", name, "-x", String(width), "-y", String(height)], capturing: false)
  }

  /// Presses keys by name: `Enter`, `Tab`, `C-c`, `Up`, `C-d`.
  public func press(_ keys: String...) {
    _ = try? tmux(["send-keys", "-t", name] + keys, capturing: false)
  }

  /// What the screen shows now, with the scrollback.
  public func screen() -> String {
    (try? tmux(["capture-pane", "-p", "-J", "-S", "-200", "-t", name])) ?? ""
  }

  /// What the screen shows now, with the scrollback and the escape sequences of its colours.
  public func screenWithColors() -> String {
    (try? tmux(["capture-pane", "-p", "-e", "-J", "-S", "-200", "-t", name])) ?? ""
  }

  /// What the window shows now, without the scrollback.
  public func visibleScreen() -> String {
    (try? tmux(["capture-pane", "-p", "-J", "-t", name])) ?? ""
  }

  /// Waits until what the window shows satisfies `condition`; true if it did in time.
  @discardableResult
  public func waitUntilVisible(seconds: Double = 20, _ condition: (String) -> Bool) -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
      if condition(visibleScreen()) { return true }
      usleep(50_000)
    }
    return false
  }

  /// Waits until the screen shows `text` `times` times; true if it did in time.
  @discardableResult
  public func waitFor(_ text: String, times: Int = 1, seconds: Double = 20) -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
      if screen().components(separatedBy: text).count - 1 >= times { return true }
      usleep(50_000)
    }
    return false
  }

  /// Runs a tmux command and returns what it printed. Spawned directly and
  /// reaped with `waitpid`: the server that `new-session` starts outlives its
  /// client and keeps whatever it inherits, which confuses `Process`.
  @discardableResult
  private func tmux(_ arguments: [String], capturing: Bool = true) throws -> String {
    let outputPath = FileManager.default.temporaryDirectory.appendingPathComponent(
      "tmux-\(UUID().uuidString)"
    ).path
    defer { try? FileManager.default.removeItem(atPath: outputPath) }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(
      &actions, 1, capturing ? outputPath : "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    let argv = ["/usr/bin/tmux", "-L", socket, "-f", "/dev/null"] + arguments
    var cArguments = argv.map { strdup($0) } + [nil]
    defer { for pointer in cArguments { free(pointer) } }
    // The test's thread blocks signals; tmux (a server that lives on) must not inherit that.
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var unblocked = sigset_t()
    sigemptyset(&unblocked)
    posix_spawnattr_setsigmask(&attributes, &unblocked)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK))
    var pid: pid_t = 0
    let spawned = posix_spawn(&pid, argv[0], &actions, &attributes, &cArguments, environ)
    guard spawned == 0 else { throw POSIXError(POSIXErrorCode(rawValue: spawned) ?? .EIO) }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) == -1, errno == EINTR {}
    guard capturing else { return "" }
    return (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
  }

  private static func quoted(_ word: String) -> String {
    "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
  }
}
