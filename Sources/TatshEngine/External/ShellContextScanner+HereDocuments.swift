import Foundation

/// Here-documents: the delimiter word, and bodies that expand or stay literal.
extension ShellContextScanner {
  /// Reads the delimiter after `<<` or `<<-`; its body starts at the next line.
  mutating func heredocDelimiter() {
    if backquote != nil { giveUp(after: "a here-document in backquotes") }
    var heredoc = Heredoc(delimiter: [], stripsTabs: scalar(at: index) == "-", expands: true)
    if heredoc.stripsTabs { index += 1 }
    while Self.isBlank(scalar(at: index)) { index += 1 }
    while index < units.count {
      if let number = placeholder(at: index) {
        record(number, as: .heredocDelimiter)
        index += 1
        continue
      }
      let unit = scalar(at: index)!
      if Self.endsWord(unit) { break }
      switch unit {
      case "'", "\"":
        heredoc.expands = false
        index += 1
        while index < units.count, scalar(at: index) != unit {
          if unit == "\"", scalar(at: index) == "\\", let escaped = scalar(at: index + 1),
            "$`\"\\".unicodeScalars.contains(escaped)
          {
            index += 1
          }
          if let number = placeholder(at: index) {
            record(number, as: .heredocDelimiter)
          } else if let scalar = scalar(at: index) {
            heredoc.delimiter.append(scalar)
          }
          index += 1
        }
        index += 1
      case "\\":
        heredoc.expands = false
        if let number = placeholder(at: index + 1) {
          record(number, as: .heredocDelimiter)
        } else if let scalar = scalar(at: index + 1) {
          heredoc.delimiter.append(scalar)
        }
        index += 2
      case "$", "`":
        giveUp(after: "an expansion in a here-document's delimiter")
        heredoc.delimiter.append(unit)
        index += 1
      default:
        heredoc.delimiter.append(unit)
        index += 1
      }
    }
    if String(String.UnicodeScalarView(heredoc.delimiter)).contains("_TATSH_") {
      giveUp(after: "a here-document delimited by a name tatsh uses")
    }
    pendingHeredocs.append(heredoc)
  }

  mutating func startHeredocBody() {
    guard !pendingHeredocs.isEmpty else { return }
    stack.append(.heredoc(pendingHeredocs.removeFirst()))
  }

  mutating func heredocBody(_ heredoc: Heredoc) {
    var heredoc = heredoc
    if heredoc.atLineStart, let end = endOfDelimiterLine(heredoc) {
      index = end
      stack.removeLast()
      startHeredocBody()
      return
    }
    heredoc.atLineStart = false
    stack[stack.count - 1] = .heredoc(heredoc)
    if let number = placeholder(at: index) {
      record(number, as: current)
      index += 1
      return
    }
    let unit = scalar(at: index)!
    if unit == "\n" {
      heredoc.atLineStart = true
      stack[stack.count - 1] = .heredoc(heredoc)
      index += 1
    } else if !heredoc.expands {
      index += 1
    } else if unit == "\\" {
      skipQuoted()  // A line continuation too: the next line is not checked for the delimiter.
    } else if !expansion(singleQuotes: false) {
      index += 1
    }
  }

  /// Where the line at `index` ends when it is the here-document's delimiter.
  func endOfDelimiterLine(_ heredoc: Heredoc) -> Int? {
    var position = index
    if heredoc.stripsTabs {
      while scalar(at: position) == "\t" { position += 1 }
    }
    for expected in heredoc.delimiter {
      guard scalar(at: position) == expected else { return nil }
      position += 1
    }
    if position == units.count { return position }
    return scalar(at: position) == "\n" ? position + 1 : nil
  }
}
