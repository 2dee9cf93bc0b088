/// Turns program text into tokens. Bare words may hold `-`, `.`, `:` and
/// `/`, so `command-id=cmd-9dxzty3m` needs no quotes; `#` at the start of a
/// token comments out the rest of the line.
public struct Lexer {
  /// The source's UTF-8, read in place; token texts are cut from it.
  private let utf8: [UInt8]
  /// Where the next scalar starts in `utf8`.
  private var offset = 0
  /// How many scalars come before it: the unit of `SourceRange`.
  private var position = 0

  public init(_ source: String) {
    utf8 = Array(source.utf8)
  }

  /// All tokens of the source, ending with `.end`. A line break inside a
  /// pair of parentheses is only space, so a condition may go on over
  /// several lines; one after a parenthesis never closed still ends its
  /// line, so that the error names the line that left it open.
  public mutating func tokens() throws(Diagnostic) -> [Token] {
    var tokens: [Token] = []
    while true {
      let token = try next()
      tokens.append(token)
      if token.kind == .end { break }
    }
    var open: [Int] = []
    var enclosed = [Bool](repeating: false, count: tokens.count)
    for (index, token) in tokens.enumerated() {
      switch token.kind {
      case .leftParenthesis: open.append(index)
      case .rightParenthesis:
        if let start = open.popLast() { for inner in start..<index { enclosed[inner] = true } }
      case .semicolon: open.removeAll()
      default: break
      }
    }
    return tokens.indices.compactMap { index in
      tokens[index].kind == .newline && enclosed[index] ? nil : tokens[index]
    }
  }

  private mutating func next() throws(Diagnostic) -> Token {
    skipSpaceAndComments()
    let start = position
    let startOffset = offset
    guard let scalar = peek() else { return Token(kind: .end, text: "", range: SourceRange(start, start)) }
    advance()
    func token(_ kind: Token.Kind) -> Token {
      Token(kind: kind, text: text(from: startOffset, to: offset), range: SourceRange(start, position))
    }
    switch scalar {
    case "\n": return token(.newline)
    case "|": return token(.pipe)
    case ";": return token(.semicolon)
    case "(": return token(.leftParenthesis)
    case ")": return token(.rightParenthesis)
    case ",": return token(.comma)
    case "=":
      if peek() == "=" { advance() }
      return token(.comparison(.equal))
    case "~": return token(.comparison(.matches))
    case "<", ">":
      if peek() == "=" {
        advance()
        return token(.comparison(scalar == "<" ? .lessOrEqual : .greaterOrEqual))
      }
      return token(.comparison(scalar == "<" ? .less : .greater))
    case "!":
      if peek() == "=" {
        advance()
        return token(.comparison(.notEqual))
      }
      if peek() == "~" {
        advance()
        return token(.comparison(.doesNotMatch))
      }
      throw Diagnostic("expected '!=' or '!~' after '!'", at: SourceRange(start, position))
    case "'", "\"":
      return try quoted(by: scalar, from: start)
    default:
      while let next = peek(), !Self.isWhitespace(next), !Self.isPunctuation(next) {
        advance()
      }
      return token(.word)
    }
  }

  private mutating func quoted(by quote: Unicode.Scalar, from start: Int) throws(Diagnostic) -> Token {
    var value = ""
    var run = offset
    while let scalar = peek() {
      let before = offset
      advance()
      if scalar == quote {
        value += text(from: run, to: before)
        return Token(kind: .string, text: value, range: SourceRange(start, position))
      }
      if scalar == "\\", quote == "\"", let escaped = peek() {
        value += text(from: run, to: before)
        advance()
        run = offset
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
        while let next = peek(), next != "\n" { advance() }
      } else if scalar != "\n", Self.isWhitespace(scalar) {
        advance()
      } else {
        return
      }
    }
  }

  /// The next scalar, if any.
  private func peek() -> Unicode.Scalar? {
    guard offset < utf8.count else { return nil }
    let lead = utf8[offset]
    if lead < 0x80 { return Unicode.Scalar(lead) }
    var bytes = utf8[offset...].makeIterator()
    var decoder = UTF8()
    guard case .scalarValue(let scalar) = decoder.decode(&bytes) else { return nil }
    return scalar
  }

  /// Moves past the next scalar.
  private mutating func advance() {
    let width =
      switch utf8[offset] {
      case ..<0x80: 1
      case ..<0xE0: 2
      case ..<0xF0: 3
      default: 4
      }
    offset += width
    position += 1
  }

  /// The source text of the bytes `start..<end`.
  private func text(from start: Int, to end: Int) -> String {
    String(decoding: utf8[start..<end], as: UTF8.self)
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
