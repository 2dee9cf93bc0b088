import TatshLanguage

/// What `set NAME VALUE` changes for the rest of a session.
struct Settings {
  /// The output format of pipelines that do not name one.
  var format: OutputFormat?

  static let names = ["format"]

  mutating func apply(_ name: Name, _ value: Literal) throws(Diagnostic) {
    format = try Self.validated(name, value)
  }

  /// The setting's new value, or a diagnostic naming what is accepted.
  static func validated(_ name: Name, _ value: Literal) throws(Diagnostic) -> OutputFormat {
    guard name.text.lowercased() == "format" else {
      throw Diagnostic(
        "unknown setting '\(name.text)' (settings: \(names.joined(separator: ", ")))", at: name.range,
        suggestion: Suggestion.closest(to: name.text, among: names))
    }
    guard let format = OutputFormat(rawValue: value.text.lowercased()) else {
      let formats = OutputFormat.allCases.map(\.rawValue)
      throw Diagnostic(
        "'\(value.text)' is not an output format (one of \(formats.joined(separator: ", ")))",
        at: value.range,
        suggestion: Suggestion.closest(to: value.text, among: formats))
    }
    return format
  }
}
