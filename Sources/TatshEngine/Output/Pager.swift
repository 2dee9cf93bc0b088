import Foundation

/// Output longer than the screen, shown through `$PAGER` (`less -SRFX` by
/// default), as psql and git do.
enum Pager {
  static let defaultCommand = "less -SRFX"

  /// Shows `text` in the pager; false if there is no such pager (then the caller prints it).
  static func show(_ text: String, environment: [String: String]) -> Bool {
    let command = environment["PAGER"].flatMap { $0.isEmpty ? nil : $0 } ?? defaultCommand
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", command]
    var pagerEnvironment = environment
    if pagerEnvironment["LESS"] == nil { pagerEnvironment["LESS"] = "-SRFX" }
    process.environment = pagerEnvironment
    let input = Pipe()
    process.standardInput = input
    do {
      try process.run()
    } catch {
      return false
    }
    // A pager that quits early (q in less) closes its end: ignore the broken pipe.
    signal(SIGPIPE, SIG_IGN)
    try? input.fileHandleForWriting.write(contentsOf: Data(text.utf8))
    try? input.fileHandleForWriting.close()
    process.waitUntilExit()
    return process.terminationStatus != 127
  }
}
