import Foundation

/// Where bash evaluates text as arithmetic or a test (`$((…))`, `[[…]]`, `name[…]`), and comments.
extension ShellContextScanner {
  mutating func arithmetic(closesAtBracket: Bool, depth: Int) {
    func set(depth: Int) {
      stack[stack.count - 1] = .arithmetic(closesAtBracket: closesAtBracket, depth: depth)
    }
    if let number = placeholder(at: index) {
      record(number, as: current)
      index += 1
      return
    }
    let unit = scalar(at: index)!
    let (opening, closing): (Unicode.Scalar, Unicode.Scalar) = closesAtBracket ? ("[", "]") : ("(", ")")
    switch unit {
    case opening:
      set(depth: depth + 1)
      index += 1
    case closing where depth > 0:
      set(depth: depth - 1)
      index += 1
    case "]" where closesAtBracket:
      pop()
      index += 1
    case ")" where !closesAtBracket:
      if scalar(at: index + 1) == ")" {
        pop()
        index += 2
      } else {
        giveUp(after: "a lone ) in arithmetic")
        index += 1
      }
    case "'":
      giveUp(after: "a ' in arithmetic")
      index += 1
    case "\"":
      stack.append(.doubleQuote)
      index += 1
    case "\\":
      skipQuoted()
    default:
      if !expansion(singleQuotes: false) { index += 1 }
    }
  }

  /// `[[ … ]]`: read like a command up to a `]]` word.
  mutating func conditional(word: WordState) {
    if let number = placeholder(at: index) {
      record(number, as: current)
      setWord(.other)
      index += 1
      return
    }
    let unit = scalar(at: index)!
    switch unit {
    case "]" where word == .start && scalar(at: index + 1) == "]" && Self.endsWord(scalar(at: index + 2)):
      pop()
      index += 2
    case "\\":
      skipQuoted()
      setWord(.other)
    case "'", "\"", "$", "`":
      openQuotingOrExpansion(unit)
    default:
      setWord(Self.endsWord(unit) ? .start : .other)
      index += 1
    }
  }

  /// `name[…]`, up to its `]`.
  mutating func inArrayIndex(depth: Int) {
    if let number = placeholder(at: index) {
      record(number, as: current)
      index += 1
      return
    }
    switch scalar(at: index)! {
    case "[":
      stack[stack.count - 1] = .arrayIndex(depth: depth + 1)
      index += 1
    case "]" where depth > 0:
      stack[stack.count - 1] = .arrayIndex(depth: depth - 1)
      index += 1
    case "]":
      pop()
      index += 1
    case "\\":
      skipQuoted()
    case "'":
      stack.append(.singleQuote)
      index += 1
    case "\"":
      stack.append(.doubleQuote)
      index += 1
    default:
      if !expansion(singleQuotes: true) { index += 1 }
    }
  }

  /// To the end of the line; a backquote ends the backquotes it is in, comment and all.
  mutating func comment() {
    if let number = placeholder(at: index) {
      record(number, as: .comment)
      index += 1
    } else if scalar(at: index) == "\n" {
      stack.removeLast()
    } else if scalar(at: index) == "`", backquote != nil {
      stack.removeLast()
    } else {
      index += 1
    }
  }
}
