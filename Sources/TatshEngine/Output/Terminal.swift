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
    if isInteractive {
      var size = winsize()
      if ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 {
        width = Int(size.ws_col)
        height = size.ws_row > 0 ? Int(size.ws_row) : nil
      }
    }
    if width == nil, let columns = environment["COLUMNS"].flatMap(Int.init), columns > 0 { width = columns }
    if isInteractive, width == nil { width = 80 }
    let allowsColor =
      isInteractive && environment["NO_COLOR"].map(\.isEmpty) ?? true && environment["TERM"] != "dumb"
    return Terminal(
      isInteractive: isInteractive, width: width, allowsColor: allowsColor, height: height,
      showsProgress: isatty(2) == 1, environment: environment)
  }
}
