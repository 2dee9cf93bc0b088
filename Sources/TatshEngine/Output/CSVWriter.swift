/// RFC 4180 CSV: a header of every top-level field, CRLF line ends, and
/// quotes around values holding a comma, a quote or a line break.
enum CSVWriter {
  /// - Parameter headerWhenEmpty: the header without records, so that an empty export still says what it holds.
  static func document(_ records: [Record], headerWhenEmpty: [String] = []) -> String {
    let columns = records.isEmpty ? headerWhenEmpty : TableColumn.union(of: records).map(\.header)
    guard !columns.isEmpty else { return "" }
    var text = columns.map(escaped).joined(separator: ",") + "\r\n"
    for record in records {
      text += columns.map { name in escaped(cell(record[name])) }.joined(separator: ",") + "\r\n"
    }
    return text
  }

  private static func cell(_ value: Value?) -> String {
    switch value {
    case .none, .null?: ""
    case .array?, .object?: ValueJSON.compact(value!)
    case let value?: value.text
    }
  }

  static func escaped(_ field: String) -> String {
    guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
    return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
}
