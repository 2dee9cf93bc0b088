import TATCore
import TatshLanguage

/// Splits the conditions on a source into what the API answers (ids and
/// `Filters`) and what must be checked client-side.
struct Pushdown {
  private let kind: RecordKind
  private var ids: [String]?
  private var filters: [Filter] = []
  /// What the API cannot decide, to check on each record.
  private(set) var clientSide: Condition?

  /// - Parameter isEnabled: whether to push anything at all; off, every
  ///   condition is checked client-side (for comparing the two).
  init(kind: RecordKind, ids: [Literal], conditions: [Expression], shape: RecordShape, isEnabled: Bool = true)
    throws(Diagnostic)
  {
    self.kind = kind
    self.ids = ids.isEmpty ? nil : ids.map(\.text)
    let compiler = ConditionCompiler(shape: shape)
    var pushed: [Expression] = []
    var kept: [Expression] = []
    for conjunct in conditions.flatMap(Self.conjuncts) {
      if isEnabled, let filter = try Self.filter(for: conjunct, kind: kind, compiler: compiler),
        !filters.contains(where: { $0.name == filter.name }),
        filter.values.count <= APILimits.filterValues
          || !filters.contains(where: { $0.values.count > APILimits.filterValues })
      {
        filters.append(filter)
        pushed.append(conjunct)
      } else {
        kept.append(conjunct)
      }
    }
    if let explicitIds = self.ids, !filters.isEmpty {
      let idFilter = kind.filterNames[kind.idField]!
      let isSplit = filters.contains { $0.values.count > APILimits.filterValues }
      if explicitIds.count <= APILimits.filterValues, !isSplit,
        !filters.contains(where: { $0.name == idFilter })
      {
        filters.append(Filter(name: idFilter, values: explicitIds))
        self.ids = nil
      } else {
        filters = []
        kept = pushed + kept
      }
    }
    var parts: [Condition] = []
    for expression in kept { parts.append(try compiler.compile(expression)) }
    clientSide = Conjuncts.join(parts)
  }

  /// The source with everything pushed, stopping after `wanted` records.
  func source(wanted: Int?) -> Plan.Source {
    .listing(kind, ids: ids, filters: filters, wanted: wanted)
  }

  private static func conjuncts(_ expression: Expression) -> [Expression] {
    if case .and(let left, let right) = expression { return conjuncts(left) + conjuncts(right) }
    return [expression]
  }

  /// The API filter that decides `expression` exactly, if there is one.
  private static func filter(for expression: Expression, kind: RecordKind, compiler: ConditionCompiler)
    throws(Diagnostic) -> Filter?
  {
    let field: Name
    let literals: [Literal]
    switch expression {
    case .comparison(let comparison) where comparison.comparator == .equal && comparison.value.text != "null":
      field = comparison.field
      literals = [comparison.value]
    case .membership(let name, let values, false, _):
      field = name
      literals = values
    default:
      return nil
    }
    let path = try compiler.resolve(field)
    guard let filterName = kind.filterNames[path] else { return nil }
    var values: [String] = []
    for literal in literals { values.append(try compiler.normalized(literal, for: path).text) }
    return Filter(name: filterName, values: values)
  }
}
