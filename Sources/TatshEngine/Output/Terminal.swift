#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What the engine needs to know about where its output goes.
public struct Terminal: Sendable {
  /// Whether standard output is a terminal (tables by default) or not (JSON Lines).
  public var isInteractive: Bool
  /// The width to fit tables in, if there is one.
  public var width: Int?
  /// Whether colour is welcome: a terminal, and no `NO_COLOR` in the environment.
  public var allowsColor: Bool
  /// The number of lines on the screen, if standard output is a terminal.
  public var height: Int?
  /// Whether standard error is a terminal (for the progress line).
  public var showsProgress: Bool
  /// The environment, for `$PAGER`.
  public var environment: [String: String]
  /// Whether the size is the window's, measured again before each statement
  /// (the window may have been resized since).
  var measuresWindow = false

  public init(
    isInteractive: Bool, width: Int?, allowsColor: Bool = false, height: Int? = nil,
    showsProgress: Bool = false,
    environment: [String: String] = [:]
  ) {
    self.isInteractive = isInteractive
    self.width = width
    self.allowsColor = allowsColor
    self.height = height
    self.showsProgress = showsProgress
    self.environment = environment
  }

  /// The terminal of this process's standard output; `COLUMNS` sets the width when it is not one.
  public static func current(environment: [String: String]) -> Terminal {
    let isInteractive = isatty(1) == 1
    var width: Int? = nil
    var height: Int? = nil
    if isInteractive, let size = windowSize() {
      (width, height) = size
    }
    if width == nil, let columns = environment["COLUMNS"].flatMap(Int.init), columns > 0 { width = columns }
    if isInteractive, width == nil { width = 80 }
    let allowsColor =
      isInteractive && environment["NO_COLOR"].map(\.isEmpty) ?? true && environment["TERM"] != "dumb"
    var terminal = Terminal(
      isInteractive: isInteractive, width: width, allowsColor: allowsColor, height: height,
      showsProgress: isatty(2) == 1, environment: environment)
    terminal.measuresWindow = isInteractive && width != nil && height != nil
    return terminal
  }

  /// The size of the window standard output is on, if it is one.
  private static func windowSize() -> (width: Int, height: Int?)? {
    var size = winsize()
    guard ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
    return (Int(size.ws_col), size.ws_row > 0 ? Int(size.ws_row) : nil)
  }

  /// Takes the window's size again, where it came from the window.
  mutating func measureWindowAgain() {
    guard measuresWindow, let size = Self.windowSize() else { return }
    (width, height) = size
  }
}
