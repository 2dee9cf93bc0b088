@testable import TatshLanguage

/// All tokens of `source`, ending with `.end`.
func lex(_ source: String) throws(Diagnostic) -> [Token] {
  var lexer = Lexer(source)
  return try lexer.tokens()
}

/// The diagnostic the lexer throws for `source`, or nil when it lexes.
func lexError(_ source: String) -> Diagnostic? {
  do {
    _ = try lex(source)
    return nil
  } catch {
    return error
  }
}

/// The diagnostic the parser throws for `source`, or nil when it parses.
func parseError(_ source: String) -> Diagnostic? {
  do {
    _ = try Parser.parse(source)
    return nil
  } catch {
    return error
  }
}

/// Shorthand for building expected tokens.
func token(_ kind: Token.Kind, _ text: String, _ start: Int, _ end: Int) -> Token {
  Token(kind: kind, text: text, range: SourceRange(start, end))
}

extension Expression {
  /// A compact, fully parenthesised picture of the tree, so precedence
  /// and associativity can be checked at a glance:
  /// `(or (and a=1 b=2) (not c=3))`, `status in (A, B)`.
  var sketch: String {
    switch self {
    case .comparison(let comparison):
      "\(comparison.field.text)\(comparison.comparator.rawValue)\(comparison.value.text)"
    case .membership(let field, let values, let isNegated, _):
      "\(field.text) \(isNegated ? "not in" : "in") (\(values.map(\.text).joined(separator: ", ")))"
    case .not(let operand, _): "(not \(operand.sketch))"
    case .and(let left, let right): "(and \(left.sketch) \(right.sketch))"
    case .or(let left, let right): "(or \(left.sketch) \(right.sketch))"
    }
  }
}

extension SourceRange {
  /// The text of `source` this range covers (ranges count Unicode scalars).
  func text(in source: String) -> String {
    let scalars = Array(source.unicodeScalars)
    return String(String.UnicodeScalarView(scalars[start..<end]))
  }
}
