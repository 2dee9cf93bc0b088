/// A column of one of the store's tables: each case names one, in the
/// order the table's selection lists them, so that a row is read by
/// position (faster than by name) without a bare number in sight.
protocol StoreColumn: RawRepresentable<Int>, CaseIterable {}

extension StoreColumn {
  /// The column's name in SQL: the case's name in snake case (`invocation_id`).
  var name: String {
    String("\(self)").reduce(into: "") { name, character in
      if character.isUppercase { name += "_" + character.lowercased() } else { name.append(character) }
    }
  }

  /// Every column, in order.
  static var names: [String] { allCases.map(\.name) }
}

/// The filters among `filterNames` that test one of `columns` directly: each
/// whose name, hyphens as underscores, is a column (`instance-id`, `instance_id`).
func columnsTested(by filterNames: Set<String>, among columns: [String]) -> [String: String] {
  Dictionary(
    uniqueKeysWithValues: filterNames.compactMap { filter in
      let column = filter.replacingOccurrences(of: "-", with: "_")
      return columns.contains(column) ? (filter, column) : nil
    })
}
