/// Writes `Value`s as JSON text, keys in record order.
public enum JSONWriter {
  /// Compact JSON on one line (for JSON Lines).
  public static func compact(_ value: Value) -> String {
    var text = ""
    write(value, into: &text, indent: nil, level: 0)
    return text
  }

  /// Indented JSON, two spaces a level.
  public static func pretty(_ value: Value, level: Int = 0) -> String {
    var text = ""
    write(value, into: &text, indent: "  ", level: level)
    return text
  }

  private static func write(_ value: Value, into text: inout String, indent: String?, level: Int) {
    switch value {
    case .null: text += "null"
    case .bool(let flag): text += flag ? "true" : "false"
    case .int(let number): text += String(number)
    case .double(let number): text += number.isFinite ? String(number) : "null"
    case .string(let string): writeString(string, into: &text)
    case .array(let items):
      guard !items.isEmpty else {
        text += "[]"
        return
      }
      text += "["
      for (index, item) in items.enumerated() {
        if index > 0 { text += "," }
        newline(&text, indent, level + 1)
        write(item, into: &text, indent: indent, level: level + 1)
      }
      newline(&text, indent, level)
      text += "]"
    case .object(let record):
      guard !record.fields.isEmpty else {
        text += "{}"
        return
      }
      text += "{"
      for (index, field) in record.fields.enumerated() {
        if index > 0 { text += "," }
        newline(&text, indent, level + 1)
        writeString(field.name, into: &text)
        text += indent == nil ? ":" : ": "
        write(field.value, into: &text, indent: indent, level: level + 1)
      }
      newline(&text, indent, level)
      text += "}"
    }
  }

  private static func newline(_ text: inout String, _ indent: String?, _ level: Int) {
    guard let indent else { return }
    text += "\n"
    for _ in 0..<level { text += indent }
  }

  private static func writeString(_ string: String, into text: inout String) {
    text += "\""
    for scalar in string.unicodeScalars {
      switch scalar {
      case "\"": text += "\\\""
      case "\\": text += "\\\\"
      case "\n": text += "\\n"
      case "\r": text += "\\r"
      case "\t": text += "\\t"
      case _ where scalar.value < 0x20:
        let hex = String(scalar.value, radix: 16)
        text += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: text.unicodeScalars.append(scalar)
      }
    }
    text += "\""
  }
}
