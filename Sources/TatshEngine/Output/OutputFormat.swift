/// How records are printed.
public enum OutputFormat: String, Sendable, CaseIterable {
  /// Aligned columns for people; fits the terminal.
  case table
  /// One JSON array.
  case json
  /// JSON Lines: one compact record a line, for other programs.
  case jsonl
  /// Comma-separated values (RFC 4180) with a header line.
  case csv
  /// The values alone, tab-separated, one record a line: for shell pipes.
  case text
}
