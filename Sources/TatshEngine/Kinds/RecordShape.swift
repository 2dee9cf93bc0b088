import TatshLanguage

/// The shape of the records at one point of a pipeline: their kind, if
/// known, and which fields they still have (after `select`).
struct RecordShape: Sendable {
  var kind: RecordKind?
  /// The top-level fields present, if narrowed by `select` or `count`.
  var fields: [String]?
  /// Fields added on top of the kind's own (`Command`, by the `command` stage).
  var extras: Set<String> = []
  /// The added fields that hold a whole record of a kind (`Agent`, by the
  /// `agent` stage), whose fields are known through them (`Agent.AgentStatus`).
  var joined: [String: RecordKind] = [:]
  /// Base64 fields that a `decode` has already turned into text.
  var decoded: Set<String> = []
  /// Top-level fields that `rename` gave new names: each new name and the path it stands for.
  var renamed: [String: String] = [:]

  init(kind: RecordKind?, fields: [String]?) {
    self.kind = kind
    self.fields = fields
  }

  static func of(_ kind: RecordKind) -> RecordShape { RecordShape(kind: kind, fields: nil) }

  /// Adds the field a join stage adds a record of `kind` as (`kind.joinedAs`).
  mutating func join(_ kind: RecordKind) {
    guard let field = kind.joinedAs else { return }
    extras.insert(field)
    joined[field] = kind
  }

  /// The values the API allows for the field at `path`: one of the kind's
  /// own, or one of a joined record's (`Agent.AgentStatus`).
  func enumeratedValues(at path: String) -> [String]? {
    let original = originalPath(of: path)
    if let values = kind?.enumeratedValues[original] { return values }
    guard let (field, joinedKind) = joined.first(where: { original.hasPrefix($0.key + ".") }) else {
      return nil
    }
    return joinedKind.enumeratedValues[String(original.dropFirst(field.count + 1))]
  }

  /// The paths of the joined records' fields, as written through them (`Agent.Version`).
  var joinedFields: [String] {
    joined.sorted { $0.key < $1.key }.flatMap { field, kind in kind.fields.map { field + "." + $0 } }
  }

  /// The canonical path of `written`, or nil where it is not a field of this shape.
  func resolvedQuietly(_ written: String) -> String? {
    try? resolve(Name(text: written, range: SourceRange(0, 0)))
  }

  /// The path of the kind a field of this shape stands for: its own, or the
  /// one a `rename` gave it a new name for (what its values and type are).
  func originalPath(of path: String) -> String { renamed[path] ?? path }

  /// The name the top-level field `path` goes by here, where a `rename` changed it.
  func newName(of path: String) -> String? { renamed.first { $0.value == path }?.key }

  /// Whether the records at this point hold `path` under that name.
  func holds(_ path: String) -> Bool {
    if renamed.values.contains(path) { return false }
    if let fields { return fields.contains(path) }
    return kind?.fields.contains(path) ?? false
  }

  /// Resolves a field name as written (any case, alias, dotted path) to its
  /// canonical path, or fails with a diagnostic that suggests the nearest name.
  func resolve(_ name: Name) throws(Diagnostic) -> String {
    let written = name.text
    if let new = renamed.keys.first(where: { $0.caseInsensitiveEquals(written) }) { return new }
    if !renamed.isEmpty {
      let original = kind.map { RecordShape.of($0).resolvedQuietly(written) } ?? written
      if let original,
        let new = renamed.first(where: { original == $0.value || original.hasPrefix($0.value + ".") })?.key
      {
        throw Diagnostic("'\(written)' was renamed to '\(new)' before here", at: name.range, suggestion: new)
      }
    }
    var known: [String] = []
    // An added field (`Command`) is named as written, or by a path into it; a
    // name that differs only in case (`command`) stays the kind's alias (`CommandId`).
    if let extra = extras.first(where: {
      written == $0 || written.lowercased().hasPrefix($0.lowercased() + ".")
        || (written.caseInsensitiveEquals($0) && kind?.aliases[written.lowercased()] == nil)
    }) {
      guard let joinedKind = joined[extra], written.count > extra.count + 1 else {
        return extra + written.dropFirst(extra.count)
      }
      // A field of the joined record, as that kind names it: `Agent.status` is `Agent.AgentStatus`.
      let inner = String(written.dropFirst(extra.count + 1))
      do {
        return extra + "." + (try RecordShape.of(joinedKind).resolve(Name(text: inner, range: name.range)))
      } catch {
        throw Diagnostic(
          "unknown field '\(written)': \(extra) holds the fields of \(joinedKind.plural) (help fields \(joinedKind.plural))",
          at: name.range, suggestion: error.suggestion.map { extra + "." + $0 })
      }
    }
    if let fields {
      if let match = fields.first(where: { $0.caseInsensitiveEquals(written) }) { return match }
      if let kind, let target = kind.aliases.first(where: { $0.key.caseInsensitiveEquals(written) })?.value,
        fields.contains(target)
      {
        return target
      }
      known = fields
    } else if let kind {
      if kind.hasComputedFields, let computed = ComputedField(rawValue: written.lowercased()) {
        return computed.rawValue
      }
      let candidates = kind.fields + Array(kind.filterOnlyFields)
      if let match = candidates.first(where: { $0.caseInsensitiveEquals(written) }) { return match }
      if let target = kind.aliases.first(where: { $0.key.caseInsensitiveEquals(written) })?.value {
        return target
      }
      known = candidates + kind.aliases.keys.sorted()
    } else {
      return written
    }
    let what = kind.map { "of \($0.plural)" } ?? "in these records"
    var hint = ""
    if let fields, let kind, let dropped = RecordShape.of(kind).resolvedQuietly(written) {
      // The kind has it: a `select` (or the like) before this left it out.
      hint =
        ": '\(dropped)' was left out before here; the records now hold only \(fields.joined(separator: ", "))"
    } else if kind == .invocation, fields == nil,
      let taskField = RecordShape.of(.task).resolvedQuietly(written)
    {
      hint =
        ": it is a field of tasks ('\(taskField)'); ask for the invocations' tasks first: | tasks | where \(written)…"
    }
    if hint.isEmpty, let kind,
      let column = kind.tableColumns.first(where: { $0.header.caseInsensitiveEquals(written) })
    {
      // A header copied from a table: the table shortens some field names.
      throw Diagnostic(
        "unknown field '\(written)' \(what): a table heads '\(column.path)' as \(column.header)",
        at: name.range,
        suggestion: column.path)
    }
    throw Diagnostic(
      "unknown field '\(written)' \(what)\(hint)", at: name.range,
      suggestion: hint.isEmpty ? Suggestion.closest(to: written, among: known) : nil)
  }
}
