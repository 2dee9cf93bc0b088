import Foundation

/// Prints a stream of records in one format. JSON Lines and text stream as
/// pages arrive; a table, a JSON array and CSV need every record first.
struct RecordPrinter {
  var format: OutputFormat
  var kind: RecordKind?
  /// The fields the records have, when known: the header of a CSV without records.
  var fields: [String]? = nil
  /// Fields of the kind that `rename` gave new names (new name: path), so that its columns follow them.
  var renamed: [String: String] = [:]
  var width: Int?
  /// Where set, times in the formats people read (table, CSV, YAML, text)
  /// are shown at this offset from UTC; JSON keeps the API's own text.
  var timeZoneOffset: Int? = nil
  /// Whether a table colours its statuses.
  var colorsStatuses = false

  func print(_ stream: any RecordStream, to output: any TextOutput) async throws {
    let stream: any RecordStream =
      if let timeZoneOffset, ![.json, .jsonl].contains(format) {
        MapStream(stream) { TimeDisplay.shifting($0, by: timeZoneOffset) }
      } else {
        stream
      }
    switch format {
    case .jsonl:
      // Each page as it arrives: a reader at the other end of a pipe sees records live.
      while let page = try await stream.nextPage() {
        for record in page { output.write(ValueJSON.compact(.object(record)) + "\n") }
        output.flush()
      }
    case .text:
      while let page = try await stream.nextPage() {
        for record in page { output.write(record.fields.map(\.value.text).joined(separator: "\t") + "\n") }
        output.flush()
      }
    case .json:
      let records = try await collect(stream)
      output.write(ValueJSON.pretty(.array(records.map(Value.object))) + "\n")
    case .csv:
      output.write(
        CSVWriter.document(
          try await collect(stream), headerWhenEmpty: fields ?? kind.map(\.topLevelFields).map(renaming) ?? []
        ))
    case .yaml:
      output.write(YAMLWriter.document(try await collect(stream)))
    case .table:
      let records = try await collect(stream)
      var renderer =
        kind.map {
          TableRenderer(
            columns: renaming(TableColumn.defaults(for: $0)), width: width, omittingEmptyColumns: true)
        }
        ?? TableRenderer(columns: TableColumn.union(of: records), width: width)
      renderer.colorsStatuses = colorsStatuses
      output.write(renderer.render(records))
    }
    output.flush()
  }

  /// The kind's fields under the names `rename` gave them.
  private func renaming(_ names: [String]) -> [String] {
    names.map { name in renamed.first { $0.value == name }?.key ?? name }
  }

  /// The kind's columns, a renamed field's under its new name.
  private func renaming(_ columns: [TableColumn]) -> [TableColumn] {
    columns.map { column in
      guard let new = renamed.first(where: { $0.value == column.path.joined(separator: ".") })?.key else {
        return column
      }
      return TableColumn(new, new)
    }
  }

  private func collect(_ stream: any RecordStream) async throws -> [Record] {
    var records: [Record] = []
    while let page = try await stream.nextPage() { records += page }
    return records
  }
}
