import TatshLanguage

/// Resolves the fields of a parsed condition against a record shape.
struct ConditionCompiler {
  var shape: RecordShape

  func compile(_ expression: Expression) throws(Diagnostic) -> Condition {
    switch expression {
    case .comparison(let comparison):
      let path = try resolve(comparison.field)
      let original = shape.originalPath(of: path)
      guard !(shape.kind?.filterOnlyFields.contains(original) ?? false) else {
        throw Diagnostic(
          "'\(comparison.field.text)' is decided by the API alone: use it as 'field=value' or 'field in (…)', joined by 'and', right after the source",
          at: comparison.range)
      }
      // A pattern (`~`, `!~`) need not be a whole value: `status ~ FAIL` finds FAILED and PARTIAL_FAILED.
      let value =
        [.matches, .doesNotMatch].contains(comparison.comparator)
        ? comparison.value : try normalized(comparison.value, for: path)
      let operand = try Operand(value, comparator: comparison.comparator)
      if original.hasSuffix("Time"),
        ![.equal, .notEqual, .matches, .doesNotMatch].contains(comparison.comparator),
        !operand.isTime
      {
        throw Diagnostic(
          "'\(value.text)' is not a time: write 2026-11-01, 2026-11-01T08:00:00+08:00, or -24h (24 hours ago)",
          at: value.range)
      }
      // Base64 that no `decode` has turned into text yet is compared as the text it holds.
      if shape.kind?.encodedFields.contains(split(original)) == true, !shape.decoded.contains(original) {
        return .compareDecoded(path: split(path), comparator: comparison.comparator, operand: operand)
      }
      return .compare(path: split(path), comparator: comparison.comparator, operand: operand)
    case .membership(let field, let values, let isNegated, let range):
      let path = try resolve(field)
      guard !(shape.kind?.filterOnlyFields.contains(shape.originalPath(of: path)) ?? false) else {
        throw Diagnostic(
          "'\(field.text)' is decided by the API alone and cannot be negated or nested", at: range)
      }
      var operands: [Operand] = []
      for value in values {
        operands.append(try Operand(try normalized(value, for: path), comparator: .equal))
      }
      return .member(path: split(path), operands: operands, isNegated: isNegated)
    case .not(let inner, _):
      return .not(try compile(inner))
    case .and(let left, let right):
      return .and(try compile(left), try compile(right))
    case .or(let left, let right):
      return .or(try compile(left), try compile(right))
    }
  }

  func resolve(_ name: Name) throws(Diagnostic) -> String {
    try shape.resolve(name)
  }

  /// The value with the API's spelling when the field is enumerated (so
  /// `status=failed` means FAILED); a value that is none of them is an error.
  func normalized(_ literal: Literal, for path: String) throws(Diagnostic) -> Literal {
    guard let allowed = shape.enumeratedValues(at: path), literal.text != "null"
    else {
      return literal
    }
    if let match = allowed.first(where: { $0.caseInsensitiveEquals(literal.text) }) {
      var normalized = literal
      normalized.text = match
      return normalized
    }
    throw Diagnostic(
      "'\(literal.text)' is not a value of \(path) (one of \(allowed.joined(separator: ", ")))",
      at: literal.range, suggestion: Suggestion.closest(to: literal.text, among: allowed))
  }

  private func split(_ path: String) -> [String] {
    path.split(separator: ".").map(String.init)
  }
}

/// Conditions as lists of `and`-ed parts.
enum Conjuncts {
  static func split(_ condition: Condition) -> [Condition] {
    if case .and(let left, let right) = condition { return split(left) + split(right) }
    return [condition]
  }

  static func join(_ parts: [Condition]) -> Condition? {
    guard var joined = parts.first else { return nil }
    for part in parts.dropFirst() { joined = .and(joined, part) }
    return joined
  }
}
