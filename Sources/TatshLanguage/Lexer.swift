/// Turns program text into tokens. Bare words may hold `-`, `.`, `:` and
/// `/`, so `command-id=cmd-9dxzty3m` needs no quotes; `#` at the start of a
/// token comments out the rest of the line.
public struct Lexer {
  private let scalars: [Unicode.Scalar]
  private var position = 0

  public init(_ source: String) {
    scalars = Array(source.unicodeScalars)
  }

  /// All tokens of the source, ending with `.end`.
  public mutating func tokens() throws(Diagnostic) -> [Token] {
    var tokens: [Token] = []
    while true {
      let token = try next()
      tokens.append(token)
      if token.kind == .end { return tokens }
    }
  }

  private static let punctuation: Set<Unicode.Scalar> = [
    "|", ";", "(", ")", ",", "=", "!", "<", ">", "~", "'", "\"",
  ]

  private mutating func next() throws(Diagnostic) -> Token {
    skipSpaceAndComments()
    let start = position
    guard let scalar = peek() else { return Token(kind: .end, text: "", range: SourceRange(start, start)) }
    position += 1
    func token(_ kind: Token.Kind) -> Token {
      Token(
        kind: kind, text: String(String.UnicodeScalarView(scalars[start..<position])),
        range: SourceRange(start, position))
    }
    switch scalar {
    case "\n": return token(.newline)
    case "|": return token(.pipe)
    case ";": return token(.semicolon)
    case "(": return token(.leftParenthesis)
    case ")": return token(.rightParenthesis)
    case ",": return token(.comma)
    case "=":
      if peek() == "=" { position += 1 }
      return token(.comparison(.equal))
    case "~": return token(.comparison(.matches))
    case "<", ">":
      if peek() == "=" {
        position += 1
        return token(.comparison(scalar == "<" ? .lessOrEqual : .greaterOrEqual))
      }
      return token(.comparison(scalar == "<" ? .less : .greater))
    case "!":
      if peek() == "=" {
        position += 1
        return token(.comparison(.notEqual))
      }
      if peek() == "~" {
        position += 1
        return token(.comparison(.doesNotMatch))
      }
      throw Diagnostic("expected '!=' or '!~' after '!'", at: SourceRange(start, position))
    case "'", "\"":
      return try quoted(by: scalar, from: start)
    default:
      while let next = peek(), !next.properties.isWhitespace, !Self.punctuation.contains(next) {
        position += 1
      }
      return token(.word)
    }
  }

  private mutating func quoted(by quote: Unicode.Scalar, from start: Int) throws(Diagnostic) -> Token {
    var value = String.UnicodeScalarView()
    while let scalar = peek() {
      position += 1
      if scalar == quote {
        return Token(kind: .string, text: String(value), range: SourceRange(start, position))
      }
      if scalar == "\\", quote == "\"", let escaped = peek() {
        position += 1
        switch escaped {
        case "n": value.append("\n")
        case "t": value.append("\t")
        default: value.append(escaped)
        }
      } else {
        value.append(scalar)
      }
    }
    throw Diagnostic("unterminated string: missing closing \(quote)", at: SourceRange(start, start + 1))
  }

  private mutating func skipSpaceAndComments() {
    while let scalar = peek() {
      if scalar == "#" {
        while let next = peek(), next != "\n" { position += 1 }
      } else if scalar != "\n", scalar.properties.isWhitespace {
        position += 1
      } else {
        return
      }
    }
  }

  private func peek() -> Unicode.Scalar? {
    position < scalars.count ? scalars[position] : nil
  }
}
