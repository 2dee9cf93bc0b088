import Foundation

/// Output longer than the screen, shown through `$PAGER` (`less -SRFX` by
/// default), as psql and git do.
enum Pager {
  static let defaultCommand = "less -SRFX"

  /// Shows `text` in the pager; false if the pager could not be started.
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
    input.fileHandleForWriting.write(Data(text.utf8))
    try? input.fileHandleForWriting.close()
    process.waitUntilExit()
    return true
  }
}
