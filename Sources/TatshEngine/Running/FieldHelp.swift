import TatshLanguage

/// What `help fields [KIND]` prints: each field of a record kind with the
/// names it can be written as and what a user should know of its values.
enum FieldHelp {
  static func text(for kindName: Name?) throws(Diagnostic) -> String {
    guard let kindName else {
      return Self.kinds.map { listing(of: $0) }.joined(separator: "\n")
    }
    guard
      let kind = Self.kinds.first(where: { [$0.plural, $0.name].contains(kindName.text.lowercased()) })
    else {
      throw Diagnostic(
        "no record kind '\(kindName.text)'; there are \(Self.kindNames.dropLast().joined(separator: ", ")) and \(Self.kindNames.last!)",
        at: kindName.range,
        suggestion: Suggestion.closest(to: kindName.text, among: Self.kinds.map(\.plural)))
    }
    return listing(of: kind)
  }

  private static var kinds: [RecordKind] { RecordKind.all }

  /// The kinds as `help fields KIND` takes them.
  static var kindNames: [String] { kinds.map(\.plural) }

  private static func listing(of kind: RecordKind) -> String {
    var rows: [(field: String, aliases: String, notes: String)] = kind.fields.map { field in
      let aliases = kind.aliases.filter { $0.value == field }.map(\.key).sorted()
      return (field, aliases.joined(separator: ", "), notes(on: field, of: kind))
    }
    if kind.hasComputedFields {
      rows += ComputedField.allCases.map { ($0.rawValue, "(computed)", $0.summary) }
    }
    rows += kind.filterOnlyFields.sorted().map { field in
      let values = kind.enumeratedValues[field].map { "one of " + $0.joined(separator: ", ") + "; " } ?? ""
      return (field, "(filter only)", values + "only the API can decide it, in the first where")
    }
    let fieldWidth = rows.map(\.field.count).max()! + 2
    let aliasWidth = max(rows.map(\.aliases.count).max()! + 2, 9)
    func pad(_ text: String, _ width: Int) -> String {
      text + String(repeating: " ", count: max(0, width - text.count))
    }
    var text = "Fields of \(kind.plural) (any case; aliases work wherever a field does):\n"
    text += "  " + pad("FIELD", fieldWidth) + pad("ALIASES", aliasWidth) + "NOTES\n"
    for row in rows {
      let line = "  " + pad(row.field, fieldWidth) + pad(row.aliases, aliasWidth) + row.notes
      text += String(line.reversed().drop { $0 == " " }.reversed()) + "\n"
    }
    return text
  }

  private static func notes(on field: String, of kind: RecordKind) -> String {
    var notes: [String] = []
    if let values = kind.enumeratedValues[field] { notes.append("one of " + values.joined(separator: ", ")) }
    if kind.encodedFields.contains(where: { $0.joined(separator: ".") == field }) {
      notes.append("base64 until decode; where matches the decoded text")
    }
    if kind.filterNames[field] != nil { notes.append("the API filters on it") }
    return notes.joined(separator: "; ")
  }
}
