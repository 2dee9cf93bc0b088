/// Turns program text into tokens. Bare words may hold `-`, `.`, `:` and
/// `/`, so `command-id=cmd-9dxzty3m` needs no quotes; `#` at the start of a
/// token comments out the rest of the line.
public struct Lexer {
  private let scalars: [Unicode.Scalar]
  /// The source's UTF-8, from which token texts are cut.
  private let utf8: [UInt8]
  /// Where each scalar starts in `utf8`, and one more for the end.
  private let offsets: [Int]
  private var position = 0

  public init(_ source: String) {
    var scalars: [Unicode.Scalar] = []
    var offsets: [Int] = []
    scalars.reserveCapacity(source.utf8.count)
    offsets.reserveCapacity(source.utf8.count + 1)
    var offset = 0
    for scalar in source.unicodeScalars {
      scalars.append(scalar)
      offsets.append(offset)
      offset += UTF8.width(scalar)
    }
    offsets.append(offset)
    self.scalars = scalars
    self.offsets = offsets
    utf8 = Array(source.utf8)
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

  private mutating func next() throws(Diagnostic) -> Token {
    skipSpaceAndComments()
    let start = position
    guard let scalar = peek() else { return Token(kind: .end, text: "", range: SourceRange(start, start)) }
    position += 1
    func token(_ kind: Token.Kind) -> Token {
      Token(kind: kind, text: text(from: start, to: position), range: SourceRange(start, position))
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
      while let next = peek(), !Self.isWhitespace(next), !Self.isPunctuation(next) {
        position += 1
      }
      return token(.word)
    }
  }

  private mutating func quoted(by quote: Unicode.Scalar, from start: Int) throws(Diagnostic) -> Token {
    var value = ""
    var run = start + 1
    while let scalar = peek() {
      position += 1
      if scalar == quote {
        value += text(from: run, to: position - 1)
        return Token(kind: .string, text: value, range: SourceRange(start, position))
      }
      if scalar == "\\", quote == "\"", let escaped = peek() {
        value += text(from: run, to: position - 1)
        position += 1
        run = position
        switch escaped {
        case "n": value.append("\n")
        case "t": value.append("\t")
        default: value.unicodeScalars.append(escaped)
        }
      }
    }
    throw Diagnostic("unterminated string: missing closing \(quote)", at: SourceRange(start, start + 1))
  }

  private mutating func skipSpaceAndComments() {
    while let scalar = peek() {
      if scalar == "#" {
        while let next = peek(), next != "\n" { position += 1 }
      } else if scalar != "\n", Self.isWhitespace(scalar) {
        position += 1
      } else {
        return
      }
    }
  }

  private func peek() -> Unicode.Scalar? {
    position < scalars.count ? scalars[position] : nil
  }

  /// The source text of the scalars `start..<end`.
  private func text(from start: Int, to end: Int) -> String {
    String(decoding: utf8[offsets[start]..<offsets[end]], as: UTF8.self)
  }

  private static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x09...0x0D, 0x20: true
    case ..<0x80: false
    default: scalar.properties.isWhitespace
    }
  }

  private static func isPunctuation(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar {
    case "|", ";", "(", ")", ",", "=", "!", "<", ">", "~", "'", "\"": true
    default: false
    }
  }
}
