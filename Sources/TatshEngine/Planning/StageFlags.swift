import TatshLanguage

/// The `--flags` a stage takes, declared once: parsing them, the errors
/// that name a wrong one, usage and completion all read this.
struct StageFlags: Sendable {
  struct Flag: Sendable {
    var name: String
    /// The placeholder of its value in usage (`N`, `D`); nil for a flag that takes none.
    var placeholder: String?
    /// What is wrong when its value is missing or out of range.
    var problem: String

    /// A flag that takes no value, such as `--yes`.
    init(_ name: String) {
      self.name = name
      placeholder = nil
      problem = ""
    }

    /// A flag followed by a value, such as `--timeout 30s`.
    init(_ name: String, _ placeholder: String, problem: String) {
      self.name = name
      self.placeholder = placeholder
      self.problem = problem
    }

    var usage: String { placeholder.map { "\(name) \($0)" } ?? name }
  }

  var flags: [Flag]

  init(_ flags: Flag...) {
    self.flags = flags
  }

  var names: [String] { flags.map(\.name) }

  /// Reads the flags among `arguments`, wherever they stand; the other
  /// arguments come back in order.
  func parse(_ arguments: [Literal], of stage: Stage) throws(Diagnostic) -> (
    given: GivenFlags, rest: [Literal]
  ) {
    var given = GivenFlags(definitions: flags)
    var rest: [Literal] = []
    var remaining = arguments[...]
    while let argument = remaining.popFirst() {
      guard argument.kind == .bare, argument.text.hasPrefix("--") else {
        rest.append(argument)
        continue
      }
      guard let flag = flags.first(where: { $0.name == argument.text }) else {
        throw Diagnostic(
          "unknown option '\(argument.text)' of \(stage.name.text.lowercased())"
            + (flags.isEmpty ? "" : " (\(flags.map(\.usage).joined(separator: ", ")))"),
          at: argument.range, suggestion: Suggestion.closest(to: argument.text, among: names))
      }
      if given.values[flag.name] != nil {
        throw Diagnostic("\(flag.name) is given twice", at: argument.range)
      }
      var value: Literal? = nil
      if flag.placeholder != nil {
        guard let next = remaining.popFirst() else { throw Diagnostic(flag.problem, at: argument.range) }
        value = next
      }
      given.values[flag.name] = (argument, value)
    }
    return (given, rest)
  }
}

/// The flags one stage was given, each with its value checked when read.
struct GivenFlags {
  fileprivate let definitions: [StageFlags.Flag]
  fileprivate var values: [String: (flag: Literal, value: Literal?)] = [:]

  /// Whether `name` was given.
  func contains(_ name: String) -> Bool { values[name] != nil }

  /// The value of `name` as written, if it was given.
  func text(_ name: String) -> String? { values[name]?.value?.text }

  /// The value of `name` as a whole number in `range`.
  func number(_ name: String, in range: ClosedRange<Int>) throws(Diagnostic) -> Int? {
    try converted(name) { Int($0).flatMap { range.contains($0) ? $0 : nil } }
  }

  /// The value of `name` as a duration (`30s`, `5m`), in seconds within `range`.
  func seconds(_ name: String, in range: ClosedRange<Int>) throws(Diagnostic) -> Int? {
    try converted(name) { DurationText.seconds($0).flatMap { range.contains($0) ? $0 : nil } }
  }

  private func converted<T>(_ name: String, _ convert: (String) -> T?) throws(Diagnostic) -> T? {
    guard let given = values[name], let value = given.value else { return nil }
    guard let converted = convert(value.text) else {
      let problem = definitions.first { $0.name == name }?.problem ?? "\(name) has a wrong value"
      throw Diagnostic(problem, at: given.flag.range.union(value.range))
    }
    return converted
  }
}
