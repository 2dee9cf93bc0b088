/// Records as a YAML sequence of mappings: text with line breaks as block
/// literals (`|`), anything YAML could misread in double quotes.
enum YAMLWriter {
  static func document(_ records: [Record]) -> String {
    guard !records.isEmpty else { return "[]\n" }
    var text = ""
    for record in records {
      text += "-"
      write(.object(record), into: &text, indent: 2, isInline: true)
    }
    return text
  }

  private static func write(_ value: Value, into text: inout String, indent: Int, isInline: Bool) {
    let padding = String(repeating: " ", count: indent)
    switch value {
    case .object(let record) where !record.fields.isEmpty:
      for (index, field) in record.fields.enumerated() {
        text += index == 0 && isInline ? " " : padding
        text += scalar(field.name) + ":"
        writeNested(field.value, into: &text, indent: indent)
      }
    case .array(let items) where !items.isEmpty:
      for (index, item) in items.enumerated() {
        text += (index == 0 && isInline ? " " : padding) + "-"
        write(item, into: &text, indent: indent + 2, isInline: true)
      }
    default:
      text += " " + inline(value) + "\n"
    }
  }

  private static func writeNested(_ value: Value, into text: inout String, indent: Int) {
    switch value {
    case .object(let record) where !record.fields.isEmpty:
      text += "\n"
      write(value, into: &text, indent: indent + 2, isInline: false)
    case .array(let items) where !items.isEmpty:
      text += "\n"
      write(value, into: &text, indent: indent + 2, isInline: false)
    case .string(let string) where string.contains("\n") && !string.contains("\r"):
      let body = string.hasSuffix("\n") ? String(string.dropLast()) : string
      text += string.hasSuffix("\n") ? " |\n" : " |-\n"
      let padding = String(repeating: " ", count: indent + 2)
      for line in body.split(separator: "\n", omittingEmptySubsequences: false) {
        text += line.isEmpty ? "\n" : padding + line + "\n"
      }
    default:
      text += " " + inline(value) + "\n"
    }
  }

  private static func inline(_ value: Value) -> String {
    switch value {
    case .null: "null"
    case .bool(let flag): flag ? "true" : "false"
    case .int, .double: value.text
    case .string(let string): scalar(string)
    case .array: "[]"
    case .object: "{}"
    }
  }

  /// A string plain when YAML reads it back as the same string, quoted otherwise.
  private static func scalar(_ string: String) -> String {
    let reserved = ["", "null", "~", "true", "false", "yes", "no", "on", "off", "y", "n"]
    let isPlain =
      !reserved.contains(string.lowercased()) && Double(string) == nil
      && string.first.map { !"-?:,[]{}#&*!|>'\"%@` .+0123456789".contains($0) } == true
      && !string.contains(": ") && !string.contains(" #") && !string.hasSuffix(":") && !string.hasSuffix(" ")
      && string.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value != 0x7F }
    return isPlain ? string : ValueJSON.compact(.string(string))
  }
}
