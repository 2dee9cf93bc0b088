/// Whether typed text is a whole program or waits for more lines: a line
/// that ends in `|`, an open quote or an open parenthesis continues.
public enum Continuation {
  /// True when `source` cannot end here but could with more lines.
  public static func expectsMore(_ source: String) -> Bool {
    var lexer = Lexer(source)
    let tokens: [Token]
    do {
      tokens = try lexer.tokens()
    } catch {
      return error.message.hasPrefix("unterminated string")
    }
    var depth = 0
    for token in tokens {
      switch token.kind {
      case .leftParenthesis: depth += 1
      case .rightParenthesis: depth -= 1
      case .newline, .semicolon: if depth < 0 { depth = 0 }
      default: break
      }
    }
    let last = tokens.last { $0.kind != .end && $0.kind != .newline }
    return depth > 0 || last?.kind == .pipe
  }
}
