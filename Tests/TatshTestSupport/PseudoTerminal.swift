import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A program running on a pseudo-terminal, driven like a person at a
/// keyboard: type text, wait for something to appear on the screen.
public final class PseudoTerminal {
  private let primary: Int32
  private let process = Process()
  /// Everything the program has written so far.
  public private(set) var transcript = ""

  /// Starts `executable` with its stdin, stdout and stderr on a new terminal `columns` wide.
  public init(executable: URL, arguments: [String] = [], environment: [String: String], columns: UInt16 = 120)
    throws
  {
    primary = open("/dev/ptmx", O_RDWR | O_NOCTTY)
    var unlock: Int32 = 0
    var number: UInt32 = 0
    // TIOCSPTLCK and TIOCGPTN are C macros Swift cannot import; these are their Linux values.
    guard primary >= 0, ioctl(primary, 0x4004_5431, &unlock) == 0,
      ioctl(primary, 0x8004_5430, &number) == 0
    else {
      throw POSIXError(.ENOTTY)
    }
    var size = winsize(ws_row: 40, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
    _ = ioctl(primary, UInt(TIOCSWINSZ), &size)
    guard let secondary = FileHandle(forUpdatingAtPath: "/dev/pts/\(number)") else {
      throw POSIXError(.ENOTTY)
    }
    // A session of its own with this terminal as its controlling terminal,
    // so that Ctrl-C becomes SIGINT for the program as in a real terminal.
    process.executableURL = URL(fileURLWithPath: "/usr/bin/setsid")
    process.arguments = ["--ctty", "--wait", executable.path] + arguments
    var environment = environment
    environment["TERM"] = "xterm"
    process.environment = environment
    process.standardInput = secondary
    process.standardOutput = secondary
    process.standardError = secondary
    try process.run()
    try secondary.close()
    _ = fcntl(primary, F_SETFL, fcntl(primary, F_GETFL) | O_NONBLOCK)
  }

  deinit {
    if process.isRunning { process.terminate() }
    close(primary)
  }

  /// Types `text` as keystrokes.
  public func type(_ text: String) {
    let bytes = Array(text.utf8)
    _ = bytes.withUnsafeBytes { write(primary, $0.baseAddress, $0.count) }
  }

  /// Waits until the transcript, from `offset` on, contains `text`; true if it did in time.
  @discardableResult
  public func waitFor(_ text: String, after offset: String.Index? = nil, seconds: Double = 20) -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
      readAvailable()
      let searched = offset.map { transcript[$0...] } ?? transcript[...]
      if searched.contains(text) { return true }
      usleep(20_000)
    }
    return false
  }

  /// Waits for the program to exit; its status, or nil if it did not in time.
  public func waitForExit(seconds: Double = 20) -> Int32? {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
      readAvailable()
      if !process.isRunning { return process.terminationStatus }
      usleep(20_000)
    }
    return nil
  }

  /// The transcript's end, where text written from now on will start.
  public var end: String.Index {
    readAvailable()
    return transcript.endIndex
  }

  private func readAvailable() {
    var buffer = [UInt8](repeating: 0, count: 65_536)
    while true {
      let count = buffer.withUnsafeMutableBytes { read(primary, $0.baseAddress, $0.count) }
      guard count > 0 else { return }
      transcript += String(decoding: buffer[0..<count], as: UTF8.self)
    }
  }
}
