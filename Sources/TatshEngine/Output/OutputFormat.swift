/// How records are printed.
public enum OutputFormat: String, Sendable, CaseIterable {
  /// Aligned columns for people; fits the terminal.
  case table
  /// One JSON array.
  case json
  /// JSON Lines: one compact record a line, for other programs.
  case jsonl
}
