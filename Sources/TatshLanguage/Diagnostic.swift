/// An error in a program, with the place it points at and, when one is
/// close, a suggestion.
public struct Diagnostic: Error, Sendable, Hashable {
  public var message: String
  public var range: SourceRange
  public var suggestion: String?

  public init(_ message: String, at range: SourceRange, suggestion: String? = nil) {
    self.message = message
    self.range = range
    self.suggestion = suggestion
  }

  /// The diagnostic as a user reads it: `origin:line:column: message` (or
  /// the column alone without an origin), the source line, a caret under
  /// the range, and the suggestion.
  public func rendered(in source: String, origin: String?) -> String {
    let scalars = Array(source.unicodeScalars)
    let start = min(range.start, scalars.count)
    var lineStart = start
    while lineStart > 0, scalars[lineStart - 1] != "\n" { lineStart -= 1 }
    var lineEnd = start
    while lineEnd < scalars.count, scalars[lineEnd] != "\n" { lineEnd += 1 }
    let lineNumber = scalars[..<lineStart].filter { $0 == "\n" }.count + 1
    let column = start - lineStart + 1
    var line = String(String.UnicodeScalarView(scalars[lineStart..<lineEnd]))
    line = line.replacingTabs()
    let width = max(1, min(range.end, lineEnd) - start)
    var text =
      origin.map { "\($0):\(lineNumber):\(column): error: \(message)\n" }
      ?? "error at column \(column): \(message)\n"
    text += "  \(line)\n"
    text += "  " + String(repeating: " ", count: column - 1) + String(repeating: "^", count: width)
    if let suggestion { text += "\n  did you mean '\(suggestion)'?" }
    return text
  }
}

extension String {
  fileprivate func replacingTabs() -> String {
    String(unicodeScalars.map { $0 == "\t" ? " " : Character($0) })
  }
}

extension Diagnostic: CustomStringConvertible {
  public var description: String { message }
}
