import GRDB
import TATCore

/// A parameterised SQL `WHERE` clause built from API ids and filters.
struct RowCondition: Sendable {
  private var clauses: [String] = []
  private(set) var arguments = StatementArguments()
  private var values: [String] = []

  /// A condition made by `build`, so that it can be a constant afterwards.
  init(_ build: (inout RowCondition) -> Void) {
    build(&self)
  }

  /// Adds `column IN (values…)`.
  mutating func require(_ column: String, in values: [String]) {
    clauses.append("\(column) IN (\(placeholders(values.count)))")
    arguments += StatementArguments(values)
    self.values += values
  }

  /// Adds a raw clause with `?` placeholders for `values`.
  mutating func require(clause: String, values: [String]) {
    clauses.append(clause)
    arguments += StatementArguments(values)
    self.values += values
  }

  /// Adds one clause per filter, mapping filter names to columns.
  mutating func require(_ filters: [Filter]?, columns: [String: String]) {
    for filter in filters ?? [] {
      guard let column = columns[filter.name] else { continue }
      require(column, in: filter.values)
    }
  }

  /// Adds the conditions of `tag-key`, `tag-value` and `tag:<key>` filters
  /// on the JSON list of tags (`[{"Key":…,"Value":…}]`) that `tags` (SQL) holds.
  mutating func requireTags(_ filters: [Filter]?, in tags: String) {
    for filter in filters ?? [] {
      let marks = placeholders(filter.values.count)
      switch filter.name {
      case "tag-key":
        require(
          clause:
            "EXISTS (SELECT 1 FROM json_each(\(tags)) WHERE json_extract(value, '$.Key') IN (\(marks)))",
          values: filter.values)
      case "tag-value":
        require(
          clause:
            "EXISTS (SELECT 1 FROM json_each(\(tags)) WHERE json_extract(value, '$.Value') IN (\(marks)))",
          values: filter.values)
      case let name where name.hasPrefix("tag:"):
        require(
          clause:
            "EXISTS (SELECT 1 FROM json_each(\(tags)) WHERE json_extract(value, '$.Key') = ? AND json_extract(value, '$.Value') IN (\(marks)))",
          values: [String(name.dropFirst(4))] + filter.values)
      default:
        continue
      }
    }
  }

  /// The clause and its values in one string, to remember what it matched.
  var key: String {
    ([sql] + values).joined(separator: "\u{1F}")
  }

  /// `key` for a listing of `table`, to remember what a listing matched.
  func key(in table: String) -> String {
    table + "\u{1E}" + key
  }

  /// ` WHERE a AND b AND extra`: this condition and one more clause.
  func sql(and extra: String) -> String {
    " WHERE " + (clauses + [extra]).joined(separator: " AND ")
  }

  /// ` WHERE a AND b`, or nothing.
  var sql: String {
    clauses.isEmpty ? "" : " WHERE " + clauses.joined(separator: " AND ")
  }

  func placeholders(_ count: Int) -> String {
    Array(repeating: "?", count: count).joined(separator: ", ")
  }
}
