import TATCore

/// What the records flowing at a point of a pipeline are: the API listing
/// they come from, their fields, aliases and filters, how a table shows
/// them. Each kind is described once, here; the planner, `explain`, help,
/// completion and the table read it from its descriptor.
public struct RecordKind: Sendable, Hashable, CustomStringConvertible {
  /// The singular name: `invocation`.
  public let name: String
  /// The plural users write, also the name of its source: `invocations`.
  public let plural: String
  /// The field that names one record.
  let idField: String
  /// The API listing its source reads.
  let listing: Listing
  /// What its source gives, for `help`.
  let summary: String
  /// Pipelines that show its source at work.
  let examples: [String]
  /// Every field path, in the API's spelling.
  public let fields: [String]
  /// Short names for the fields users ask about most, and the API's filter names.
  public let aliases: [String: String]
  /// Fields whose values the API enumerates, with those values.
  let enumeratedValues: [String: [String]]
  /// Fields that exist only as API filters, which the API alone can decide.
  let filterOnlyFields: Set<String>
  /// Fields holding base64 text that `decode` turns into text.
  let encodedFields: [[String]]
  /// Whether `duration` and `age` apply (records with start, end and creation times).
  let hasComputedFields: Bool
  /// The columns a table shows unless `select` chose them: header and path.
  let tableColumns: [(header: String, path: String)]
  /// Fields every record of this kind holds, and one of which it holds: how a file's records are told apart.
  let recognizedBy: (all: [String], any: [String])
  /// The field a join stage adds one record of this kind as (`Command`,
  /// `Agent`): its fields are then written through it (`Agent.AgentStatus`).
  var joinedAs: String? = nil
  /// The fields that together tell one record from another, where the id
  /// field does not (an invoker's records share its `InvokerId`).
  var distinctBy: [String]? = nil

  public var description: String { name }

  /// The values of a Boolean field, as `where` takes them (in any case).
  static let truthValues = ["true", "false"]

  /// Every kind, in the order help lists them.
  static let all: [RecordKind] = [
    .invocation, .task, .command, .region, .agent, .registeredInstance, .invoker, .invokerRecord,
  ]

  public static func == (left: RecordKind, right: RecordKind) -> Bool { left.name == right.name }
  public func hash(into hasher: inout Hasher) { hasher.combine(name) }

  /// The top-level fields, without the nested paths.
  var topLevelFields: [String] { fields.filter { !$0.contains(".") } }

  /// Fields that `where` can hand to the API as a `Filter`, with the filter
  /// name: each filter the action takes that an alias names a field by, and
  /// the filter-only fields.
  var filterNames: [String: String] {
    var names: [String: String] = [:]
    for filter in listing.filterNames {
      if let field = aliases[filter] {
        names[field] = filter
      } else if filterOnlyFields.contains(filter) {
        names[filter] = filter
      }
    }
    return names
  }

  /// What tells `record` from the others of its kind, to hand each on once.
  func key(of record: Record) -> String? {
    guard let distinctBy else { return record[idField]?.stringValue }
    return distinctBy.map { record[$0]?.text ?? "" }.joined(separator: "\u{1F}")
  }

  /// The kind a join stage adds as the field `name` (`Command`), if any.
  static func joined(as name: String) -> RecordKind? {
    all.first { $0.joinedAs == name }
  }

  /// Whether `record` looks like one of this kind.
  func recognizes(_ record: Record) -> Bool {
    recognizedBy.all.allSatisfy { record[$0] != nil }
      && (recognizedBy.any.isEmpty || recognizedBy.any.contains { record[$0] != nil })
  }

  /// The kind written as `name`, singular or plural, in any case.
  static func named(_ name: String) -> RecordKind? {
    all.first { $0.name.caseInsensitiveEquals(name) || $0.plural.caseInsensitiveEquals(name) }
  }

  /// The kind whose records `idField` names.
  static func identified(by idField: String) -> RecordKind? {
    all.first { $0.idField == idField }
  }
}
