import TATCore

/// Writes `Value`s as JSON text, keys in record order.
public enum ValueJSON {
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
    case .string(let string): JSONString.append(string, to: &bytes)
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
        JSONString.append(field.name, to: &bytes)
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
}
