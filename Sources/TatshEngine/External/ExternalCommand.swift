import TatshLanguage

/// A program records are piped through: a plugin (`tatsh-NAME`) or any
/// command (`^CMD`).
struct ExternalCommand: Sendable {
  /// What the program writes back.
  enum Emits: String, Sendable, Codable {
    /// JSON Lines, one record a line.
    case records
    /// Text for the terminal, a line at a time.
    case text
  }

  /// How errors name it: `tatsh-notify`, `^grep`.
  var name: String
  var executable: String
  var arguments: [String]
  /// Where each argument is in the program, for a plugin's error about one.
  var argumentRanges: [SourceRange] = []
  var emits: Emits
  /// What the records it writes are, as its describe says: nil when it does not say.
  var recordKind: PluginDescription.EmittedKind? = nil
  /// Their top-level fields, when its describe lists them.
  var fields: [String]? = nil

  /// The shape of what it writes, given the shape of what it reads.
  func shape(after input: RecordShape) -> RecordShape {
    if emits == .text { return RecordShape(kind: nil, fields: ["line"]) }
    var shape: RecordShape =
      switch recordKind {
      case .same?: input
      case .kind(let kind)?: .of(kind)
      case nil: RecordShape(kind: nil, fields: nil)
      }
    guard let fields else { return shape }
    if recordKind == nil {
      shape.fields = fields
    } else if shape.fields != nil {
      // With a kind, `fields` names what it adds to the records it passes on.
      shape.fields! += fields.filter { !shape.fields!.contains($0) }
    } else {
      shape.extras.formUnion(fields)
    }
    return shape
  }
}
