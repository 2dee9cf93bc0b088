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
  /// Measures the window again before each statement, where the size is
  /// the window's (it may have been resized since); nil where it is not.
  public var measureWindow: (@Sendable () -> (width: Int, height: Int?)?)? = nil

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

  /// Takes the window's size again, where it came from the window.
  mutating func measureWindowAgain() {
    guard let size = measureWindow?() else { return }
    (width, height) = size
  }
}
