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
  /// A YAML sequence of mappings.
  case yaml
  /// The values alone, tab-separated, one record a line: for shell pipes.
  case text

  /// The format a file name's extension calls for, if any.
  public init?(fileExtension: String) {
    switch fileExtension.lowercased() {
    case "json": self = .json
    case "jsonl", "ndjson": self = .jsonl
    case "csv": self = .csv
    case "yaml", "yml": self = .yaml
    case "txt", "text": self = .text
    default: return nil
    }
  }
}
