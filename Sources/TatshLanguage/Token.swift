/// One lexical unit of a tatsh program.
public struct Token: Sendable, Hashable {
  public enum Kind: Sendable, Hashable {
    /// A bare word: names, ids, keywords, unquoted values, numbers.
    case word
    /// A quoted string; `text` holds its value without quotes.
    case string
    case pipe
    case leftParenthesis
    case rightParenthesis
    case comma
    case semicolon
    case newline
    case comparison(ComparisonOperator)
    case end
  }

  public var kind: Kind
  public var text: String
  public var range: SourceRange

  /// Whether this is the bare word `keyword`, in any case.
  func isKeyword(_ keyword: String) -> Bool {
    kind == .word && text.lowercased() == keyword
  }
}

/// The comparison operators of a `where` condition.
public enum ComparisonOperator: String, Sendable, Hashable, CaseIterable {
  case equal = "="
  case notEqual = "!="
  case less = "<"
  case lessOrEqual = "<="
  case greater = ">"
  case greaterOrEqual = ">="
  case matches = "~"
  case doesNotMatch = "!~"
}
