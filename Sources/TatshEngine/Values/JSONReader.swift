import Foundation

/// Parses JSON into `Value`s, keeping the order of object keys (which
/// Foundation's parser does not).
public struct JSONReader {
  /// The document, valid only inside `value(from:keys:)`.
  private let bytes: UnsafeBufferPointer<UInt8>
  private var position = 0
  private var keys: KeyCache

  /// Parses one JSON document.
  public static func value(from bytes: some Collection<UInt8>) throws -> Value {
    var keys = KeyCache()
    return try value(from: bytes, keys: &keys)
  }

  /// Parses one JSON document, taking object keys seen before from `keys`
  /// (documents of one shape, such as JSON Lines, repeat their keys).
  public static func value(from bytes: some Collection<UInt8>, keys: inout KeyCache) throws -> Value {
    if let result = try bytes.withContiguousStorageIfAvailable({ try value(in: $0, keys: &keys) }) {
      return result
    }
    return try Array(bytes).withUnsafeBufferPointer { try value(in: $0, keys: &keys) }
  }

  private static func value(in bytes: UnsafeBufferPointer<UInt8>, keys: inout KeyCache) throws -> Value {
    var reader = JSONReader(bytes: bytes, keys: keys)
    defer { keys = reader.keys }
    reader.skipWhitespace()
    let value = try reader.parseValue(depth: 0)
    reader.skipWhitespace()
    guard reader.position == reader.bytes.count else {
      throw reader.error("unexpected text after the JSON value")
    }
    return value
  }

  /// A malformed document, with the byte offset where reading stopped.
  public struct Malformed: Error, CustomStringConvertible {
    public var message: String
    public var offset: Int
    public var description: String { "\(message) at byte \(offset)" }
  }

  /// Object keys already made into strings, so that a key seen before
  /// costs neither an allocation nor a UTF-8 check.
  public struct KeyCache {
    /// Made on the first long key, so that a one-off document does not pay for it.
    private var slots: [String?] = []

    public init() {}

    /// The string of `utf8`, from the cache when it holds it.
    mutating func string(of utf8: UnsafeBufferPointer<UInt8>) -> String {
      // Short keys are stored inline in a String: no allocation to save.
      guard utf8.count > 15, let base = UnsafeRawPointer(utf8.baseAddress) else {
        return String(decoding: utf8, as: UTF8.self)
      }
      let head = base.loadUnaligned(as: UInt64.self)
      let tail = base.loadUnaligned(fromByteOffset: utf8.count - 8, as: UInt64.self)
      let mixed = (head &* 31 &+ tail &+ UInt64(utf8.count)) &* 0x9E37_79B9_7F4A_7C15
      let slot = Int(truncatingIfNeeded: mixed >> 56)
      if slots.isEmpty { slots = Array(repeating: nil, count: 256) }
      if var cached = slots[slot] {
        let same = cached.withUTF8 {
          $0.count == utf8.count && memcmp($0.baseAddress!, base, utf8.count) == 0
        }
        if same { return cached }
      }
      let string = String(decoding: utf8, as: UTF8.self)
      slots[slot] = string
      return string
    }
  }

  private static let maximumDepth = 512

  private init(bytes: UnsafeBufferPointer<UInt8>, keys: KeyCache) {
    self.bytes = bytes
    self.keys = keys
  }

  private mutating func parseValue(depth: Int) throws -> Value {
    guard depth < Self.maximumDepth else { throw error("nesting deeper than \(Self.maximumDepth)") }
    guard position < bytes.count else { throw error("unexpected end of input") }
    switch bytes[position] {
    case UInt8(ascii: "{"): return try parseObject(depth: depth)
    case UInt8(ascii: "["): return try parseArray(depth: depth)
    case UInt8(ascii: "\""): return .string(try parseString())
    case UInt8(ascii: "t"): try expectWord("true"); return .bool(true)
    case UInt8(ascii: "f"): try expectWord("false"); return .bool(false)
    case UInt8(ascii: "n"): try expectWord("null"); return .null
    default: return try parseNumber()
    }
  }

  private mutating func parseObject(depth: Int) throws -> Value {
    position += 1
    var fields: [Record.Field] = []
    skipWhitespace()
    if peek() == UInt8(ascii: "}") {
      position += 1
      return .object(Record(fields))
    }
    while true {
      skipWhitespace()
      guard peek() == UInt8(ascii: "\"") else { throw error("expected a string key") }
      let keyStart = position
      let key = try parseString(isKey: true)
      // `{"a":1,"a":2}` could be read two ways; tatsh reads it none.
      if fields.contains(where: { $0.name == key }) {
        position = keyStart
        throw error("the key \"\(key)\" is given twice in one object")
      }
      skipWhitespace()
      guard peek() == UInt8(ascii: ":") else { throw error("expected ':'") }
      position += 1
      skipWhitespace()
      fields.append(Record.Field(key, try parseValue(depth: depth + 1)))
      skipWhitespace()
      switch peek() {
      case UInt8(ascii: ","): position += 1
      case UInt8(ascii: "}"):
        position += 1
        return .object(Record(fields))
      default: throw error("expected ',' or '}'")
      }
    }
  }

  private mutating func parseArray(depth: Int) throws -> Value {
    position += 1
    var items: [Value] = []
    skipWhitespace()
    if peek() == UInt8(ascii: "]") {
      position += 1
      return .array(items)
    }
    while true {
      skipWhitespace()
      items.append(try parseValue(depth: depth + 1))
      skipWhitespace()
      switch peek() {
      case UInt8(ascii: ","): position += 1
      case UInt8(ascii: "]"):
        position += 1
        return .array(items)
      default: throw error("expected ',' or ']'")
      }
    }
  }

  private mutating func parseString(isKey: Bool = false) throws -> String {
    position += 1
    let start = position
    // Fast path: the closing quote found by memchr, and no escape or control character before it.
    if let base = bytes.baseAddress, start < bytes.count,
      let quote = memchr(base + start, Int32(UInt8(ascii: "\"")), bytes.count - start)
    {
      let end = base.distance(to: quote.assumingMemoryBound(to: UInt8.self))
      let utf8 = UnsafeBufferPointer(rebasing: bytes[start..<end])
      var special: UInt8 = 0
      for byte in utf8 { special |= (byte == UInt8(ascii: "\\") ? 1 : 0) | (byte < 0x20 ? 1 : 0) }
      if special == 0 {
        position = end + 1
        return isKey ? keys.string(of: utf8) : String(decoding: utf8, as: UTF8.self)
      }
    }
    while position < bytes.count {
      let byte = bytes[position]
      if byte == UInt8(ascii: "\\") { break }
      if byte < 0x20 { throw error("control character in a string") }
      position += 1
    }
    var utf8 = Array(bytes[start..<position])
    while position < bytes.count {
      let byte = bytes[position]
      if byte == UInt8(ascii: "\"") {
        position += 1
        return String(decoding: utf8, as: UTF8.self)
      }
      if byte == UInt8(ascii: "\\") {
        position += 1
        guard position < bytes.count else { break }
        let escape = bytes[position]
        position += 1
        switch escape {
        case UInt8(ascii: "n"): utf8.append(0x0A)
        case UInt8(ascii: "t"): utf8.append(0x09)
        case UInt8(ascii: "r"): utf8.append(0x0D)
        case UInt8(ascii: "b"): utf8.append(0x08)
        case UInt8(ascii: "f"): utf8.append(0x0C)
        case UInt8(ascii: "u"): utf8.append(contentsOf: String(Character(try parseUnicodeEscape())).utf8)
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): utf8.append(escape)
        default: throw error("invalid escape '\\\(Character(Unicode.Scalar(escape)))'")
        }
      } else if byte < 0x20 {
        throw error("control character in a string")
      } else {
        utf8.append(byte)
        position += 1
      }
    }
    throw error("unterminated string")
  }

  private mutating func parseUnicodeEscape() throws -> Unicode.Scalar {
    let high = try hexQuad()
    if (0xD800..<0xDC00).contains(high), peek() == UInt8(ascii: "\\"),
      position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: "u")
    {
      position += 2
      let low = try hexQuad()
      if (0xDC00..<0xE000).contains(low) {
        return Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)) ?? "\u{FFFD}"
      }
    }
    return Unicode.Scalar(high) ?? "\u{FFFD}"
  }

  private mutating func hexQuad() throws -> UInt32 {
    guard position + 4 <= bytes.count else { throw error("short \\u escape") }
    var value: UInt32 = 0
    for byte in bytes[position..<position + 4] {
      guard let digit = Character(Unicode.Scalar(byte)).hexDigitValue else { throw error("bad \\u escape") }
      value = value * 16 + UInt32(digit)
    }
    position += 4
    return value
  }

  private mutating func parseNumber() throws -> Value {
    let start = position
    // Fast path: a plain integer that fits.
    var isNegative = false
    if position < bytes.count, bytes[position] == UInt8(ascii: "-") {
      isNegative = true
      position += 1
    }
    var integer = 0
    var digits = 0
    while position < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[position]),
      digits < 18
    {
      integer = integer * 10 + Int(bytes[position] - UInt8(ascii: "0"))
      digits += 1
      position += 1
    }
    let next = position < bytes.count ? bytes[position] : 0
    if digits > 0, !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(next), next != UInt8(ascii: "."),
      next != UInt8(ascii: "e"), next != UInt8(ascii: "E")
    {
      return .int(isNegative ? -integer : integer)
    }
    position = start
    var isInteger = true
    while position < bytes.count {
      let byte = bytes[position]
      if (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-") {
        position += 1
      } else if byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E")
        || byte == UInt8(ascii: "+")
      {
        isInteger = false
        position += 1
      } else {
        break
      }
    }
    let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
    if isInteger, let integer = Int(text) { return .int(integer) }
    guard !text.isEmpty, let number = Double(text) else {
      position = start
      throw error("unexpected character")
    }
    guard number.isFinite else {
      position = start
      throw error("the number \(text) is beyond what a double holds")
    }
    return .double(number)
  }

  private mutating func expectWord(_ word: String) throws {
    let utf8 = word.utf8
    guard position + utf8.count <= bytes.count, bytes[position..<position + utf8.count].elementsEqual(utf8)
    else {
      throw error("unexpected character")
    }
    position += utf8.count
  }

  private mutating func skipWhitespace() {
    while position < bytes.count {
      switch bytes[position] {
      case 0x20, 0x0A, 0x09, 0x0D: position += 1
      default: return
      }
    }
  }

  private func peek() -> UInt8? { position < bytes.count ? bytes[position] : nil }

  private func error(_ message: String) -> Malformed { Malformed(message: message, offset: position) }
}
