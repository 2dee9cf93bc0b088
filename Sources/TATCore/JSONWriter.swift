/// JSON written straight into bytes: the API's answers, field names from the
/// types' own `CodingKeys`, absent optionals left out as `JSONEncoder`
/// leaves them. A server answering thousands of pages a second cannot afford
/// `JSONEncoder`'s intermediate tree; `JSONWriterTests` keeps the two equal.
public struct JSONWriter: Sendable {
  public private(set) var bytes: [UInt8] = []

  public init(capacity: Int = 4096) {
    bytes.reserveCapacity(capacity)
  }

  /// Writes `{ … }`, its fields written by `body`.
  public mutating func object(_ body: (inout JSONWriter) -> Void) {
    separate()
    bytes.append(UInt8(ascii: "{"))
    body(&self)
    bytes.append(UInt8(ascii: "}"))
  }

  /// Writes `[ … ]` of `values`.
  public mutating func array<Value: JSONWritable>(_ values: [Value]) {
    separate()
    bytes.append(UInt8(ascii: "["))
    for value in values { value.write(to: &self) }
    bytes.append(UInt8(ascii: "]"))
  }

  public mutating func field(_ key: some CodingKey, _ value: (some JSONWritable)?) {
    guard let value else { return }
    name(key.stringValue)
    value.write(to: &self)
  }

  public mutating func field<Value: JSONWritable>(_ key: some CodingKey, _ values: [Value]?) {
    guard let values else { return }
    name(key.stringValue)
    array(values)
  }

  /// The one field of an envelope such as `{"Response": …}`.
  public mutating func field(named key: String, _ value: some JSONWritable) {
    name(key)
    value.write(to: &self)
  }

  mutating func string(_ value: String) {
    separate()
    JSONString.append(value, to: &bytes)
  }

  mutating func raw(_ text: String) {
    separate()
    bytes.append(contentsOf: text.utf8)
  }

  private mutating func name(_ key: String) {
    string(key)
    bytes.append(UInt8(ascii: ":"))
  }

  /// A comma before a value or a name unless it opens its object or array or follows its name.
  private mutating func separate() {
    guard let last = bytes.last else { return }
    if last != UInt8(ascii: "{") && last != UInt8(ascii: "[") && last != UInt8(ascii: ":") {
      bytes.append(UInt8(ascii: ","))
    }
  }
}

/// A string as JSON text, in quotes and escaped: the one escaping both
/// tatsh's API answers and its records' JSON use.
public enum JSONString {
  private static let hexDigits = Array("0123456789abcdef".utf8)

  /// Appends `string` in quotes; runs of bytes that need no escape are copied whole.
  public static func append(_ string: String, to bytes: inout [UInt8]) {
    bytes.append(UInt8(ascii: "\""))
    var string = string
    string.withUTF8 { utf8 in
      var runStart = 0
      for (index, byte) in utf8.enumerated()
      where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
        bytes += utf8[runStart..<index]
        runStart = index + 1
        switch byte {
        case UInt8(ascii: "\""): bytes += #"\""#.utf8
        case UInt8(ascii: "\\"): bytes += #"\\"#.utf8
        case 0x0A: bytes += #"\n"#.utf8
        case 0x0D: bytes += #"\r"#.utf8
        case 0x09: bytes += #"\t"#.utf8
        default:
          bytes += #"\u00"#.utf8
          bytes.append(hexDigits[Int(byte >> 4)])
          bytes.append(hexDigits[Int(byte & 0x0F)])
        }
      }
      bytes += utf8[runStart...]
    }
    bytes.append(UInt8(ascii: "\""))
  }
}

/// A value the API answers with, written as JSON by `JSONWriter`.
public protocol JSONWritable {
  func write(to writer: inout JSONWriter)
}

extension String: JSONWritable {
  public func write(to writer: inout JSONWriter) { writer.string(self) }
}

extension Int: JSONWritable {
  public func write(to writer: inout JSONWriter) { writer.raw(String(self)) }
}

extension Double: JSONWritable {
  /// A finite number as JSON writes it; JSON has no infinity or NaN, so those are `null`.
  public func write(to writer: inout JSONWriter) { writer.raw(isFinite ? "\(self)" : "null") }
}

extension Bool: JSONWritable {
  public func write(to writer: inout JSONWriter) { writer.raw(self ? "true" : "false") }
}
