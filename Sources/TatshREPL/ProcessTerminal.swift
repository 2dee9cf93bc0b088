import Foundation
import TatshEngine

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The terminal this process runs on, as the front ends see it: whether its
/// standard streams are terminals, the window's size, and a question asked
/// at it. The engine is handed these facts and never asks the system itself.
public enum ProcessTerminal {
  /// The terminal of standard output; `COLUMNS` sets the width when it is not one.
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
    if isInteractive, width != nil, height != nil { terminal.measureWindow = windowSize }
    return terminal
  }

  /// Asks `question` on standard error and reads a yes from standard input,
  /// where standard input is a terminal; nil where it is not, so that nothing asks.
  public static func confirmation(errors: any TextOutput) -> ((String) -> Bool)? {
    guard isatty(0) == 1 else { return nil }
    return { question in
      errors.write(question)
      errors.flush()
      return ["y", "yes"].contains(readLine()?.trimmingCharacters(in: .whitespaces).lowercased() ?? "")
    }
  }

  /// The size of the window standard output is on, if it is one.
  @Sendable static func windowSize() -> (width: Int, height: Int?)? {
    var size = winsize()
    guard ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
    return (Int(size.ws_col), size.ws_row > 0 ? Int(size.ws_row) : nil)
  }
}
