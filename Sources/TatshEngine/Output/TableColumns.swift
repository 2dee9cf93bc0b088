/// The columns a table shows for each kind of record, unless `select` chose them.
struct TableColumn: Sendable {
  var header: String
  var path: [String]

  init(_ header: String, _ path: String) {
    self.header = header
    self.path = path.split(separator: ".").map(String.init)
  }

  static func defaults(for kind: RecordKind) -> [TableColumn] {
    kind.tableColumns.map { TableColumn($0.header, $0.path) }
  }

  /// Every top-level field of the records, in the order first seen.
  static func union(of records: [Record]) -> [TableColumn] {
    var seen: [String] = []
    for record in records {
      for field in record.fields where !seen.contains(field.name) { seen.append(field.name) }
    }
    return seen.map { TableColumn($0, $0) }
  }
}
