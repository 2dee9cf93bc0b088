import Foundation

/// Single quotes, `$'…'`, double quotes and `${…}`.
extension ShellContextScanner {
  mutating func singleQuote() {
    if let number = placeholder(at: index) {
      record(number, as: current)
    } else if scalar(at: index) == "'" {
      pop()
    } else if scalar(at: index) == "`", backquote != nil {
      giveUp(after: "a backquote in single quotes within backquotes")
    }
    index += 1
  }

  mutating func dollarSingleQuote() {
    if let number = placeholder(at: index) {
      record(number, as: current)
      index += 1
    } else if scalar(at: index) == "'" {
      pop()
      index += 1
    } else if scalar(at: index) == "\\" {
      if scalar(at: index + 1) == "'" { giveUp(after: "\\' in $'…', which sh and bash end differently") }
      if let number = placeholder(at: index + 1) { record(number, as: current) }
      index += 2
    } else {
      if scalar(at: index) == "`", backquote != nil {
        giveUp(after: "a backquote in $'…' within backquotes")
      }
      index += 1
    }
  }

  mutating func doubleQuote() {
    if let number = placeholder(at: index) {
      record(number, as: current)
      index += 1
    } else if scalar(at: index) == "\"" {
      pop()
      index += 1
    } else if scalar(at: index) == "\\" {
      skipQuoted()
    } else if !expansion(singleQuotes: false) {
      index += 1
    }
  }

  mutating func parameter(_ quoting: Context, part: ParameterPart) {
    func set(_ part: ParameterPart) {
      stack[stack.count - 1] = .parameter(quoting: quoting, part: part)
    }
    if let number = placeholder(at: index) {
      record(number, as: current)
      if part == .start { set(.name) }
      index += 1
      return
    }
    let unit = scalar(at: index)!
    switch part {
    case .start:
      set(.name)
      if unit == "#" || unit == "!" { index += 1 }
      return
    case .name:
      switch unit {
      case "[":
        stack.append(.arrayIndex(depth: 0))
        index += 1
        return
      case ":":
        if let next = scalar(at: index + 1), "-=?+".unicodeScalars.contains(next) {
          set(.word)
          index += 2
        } else {
          set(.refused)
          index += 1
        }
        return
      case "-", "=", "?", "+", "#", "%", "/", "^", ",":
        set(.word)
        index += 1
        return
      default:
        break
      }
    case .word, .refused:
      break
    }
    switch unit {
    case "}":
      pop()
      index += 1
    case "\\":
      skipQuoted()
    case "'":
      if quoting == .unquoted {
        stack.append(.singleQuote)
      } else {
        giveUp(after: "a ' inside \"${…}\", which sh and bash read differently")
      }
      index += 1
    case "\"":
      stack.append(.doubleQuote)
      index += 1
    default:
      if !expansion(singleQuotes: quoting == .unquoted) { index += 1 }
    }
  }
}
