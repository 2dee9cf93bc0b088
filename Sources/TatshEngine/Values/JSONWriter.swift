/// Writes `Value`s as JSON text, keys in record order.
public enum JSONWriter {
  /// Compact JSON on one line (for JSON Lines).
  public static func compact(_ value: Value) -> String {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(256)
    write(value, into: &bytes, indent: nil, level: 0)
    return String(decoding: bytes, as: UTF8.self)
  }

  /// Indented JSON, two spaces a level.
  public static func pretty(_ value: Value, level: Int = 0) -> String {
    var bytes: [UInt8] = []
    write(value, into: &bytes, indent: 2, level: level)
    return String(decoding: bytes, as: UTF8.self)
  }

  private static func write(_ value: Value, into bytes: inout [UInt8], indent: Int?, level: Int) {
    switch value {
    case .null: bytes += "null".utf8
    case .bool(let flag): bytes += (flag ? "true" : "false").utf8
    case .int(let number): bytes += String(number).utf8
    case .double(let number): bytes += (number.isFinite ? String(number) : "null").utf8
    case .string(let string): writeString(string, into: &bytes)
    case .array(let items):
      guard !items.isEmpty else {
        bytes += "[]".utf8
        return
      }
      bytes.append(UInt8(ascii: "["))
      for (index, item) in items.enumerated() {
        if index > 0 { bytes.append(UInt8(ascii: ",")) }
        newline(&bytes, indent, level + 1)
        write(item, into: &bytes, indent: indent, level: level + 1)
      }
      newline(&bytes, indent, level)
      bytes.append(UInt8(ascii: "]"))
    case .object(let record):
      guard !record.fields.isEmpty else {
        bytes += "{}".utf8
        return
      }
      bytes.append(UInt8(ascii: "{"))
      for (index, field) in record.fields.enumerated() {
        if index > 0 { bytes.append(UInt8(ascii: ",")) }
        newline(&bytes, indent, level + 1)
        writeString(field.name, into: &bytes)
        bytes.append(UInt8(ascii: ":"))
        if indent != nil { bytes.append(UInt8(ascii: " ")) }
        write(field.value, into: &bytes, indent: indent, level: level + 1)
      }
      newline(&bytes, indent, level)
      bytes.append(UInt8(ascii: "}"))
    }
  }

  private static func newline(_ bytes: inout [UInt8], _ indent: Int?, _ level: Int) {
    guard let indent else { return }
    bytes.append(0x0A)
    bytes += repeatElement(UInt8(ascii: " "), count: indent * level)
  }

  private static let hexDigits = Array("0123456789abcdef".utf8)

  /// The string in quotes; runs of bytes that need no escape are copied whole.
  private static func writeString(_ string: String, into bytes: inout [UInt8]) {
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
