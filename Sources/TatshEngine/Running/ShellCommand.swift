import TatshLanguage

/// The interactive shell's own commands: they act on the screen and on the
/// line editor's history, so only the shell runs them.
public enum ShellCommand: Equatable, Sendable {
  /// `clear`: clear the screen.
  case clear
  /// `history [N]`: the last N entries of history, numbered.
  case history(last: Int)

  /// How many entries `history` alone shows.
  public static let historyShown = 20

  /// Each command's usage and summary, for `help`.
  static let usages: [(usage: String, summary: String)] = [
    ("clear", "clear the screen (interactive shell only)"),
    ("history [N]", "the last N entries of history, \(historyShown) unless told (interactive shell only)"),
  ]

  /// The words that start one: for completion, and for the error a script gets.
  static var names: [String] { usages.map { String($0.usage.prefix { $0 != " " }) } }

  /// The command `entry` is; nil when it is none (a statement for the session).
  /// Wrong arguments throw a diagnostic that points at them.
  public static func parse(_ entry: String) throws(Diagnostic) -> ShellCommand? {
    let words = Self.words(of: entry)
    guard let (name, _) = words.first else { return nil }
    switch name.lowercased() {
    case "clear":
      if let (extra, range) = words.dropFirst().first {
        throw Diagnostic("'clear' takes no arguments, got '\(extra)'", at: range)
      }
      return .clear
    case "history":
      guard let (count, range) = words.dropFirst().first else { return .history(last: historyShown) }
      guard let last = Int(count), last > 0 else {
        throw Diagnostic("'history' takes a number of entries (history 50), got '\(count)'", at: range)
      }
      if let (extra, range) = words.dropFirst(2).first {
        throw Diagnostic("'history' takes one number, got '\(extra)' too", at: range)
      }
      return .history(last: last)
    default:
      return nil
    }
  }

  /// The words of `entry`, with their places in it; none when it holds
  /// more than words (a pipe, a `;`), which makes it a statement.
  private static func words(of entry: String) -> [(String, SourceRange)] {
    var lexer = Lexer(entry)
    guard let tokens = try? lexer.tokens().filter({ $0.kind != .end && $0.kind != .newline }),
      tokens.allSatisfy({ $0.kind == .word || $0.kind == .string })
    else { return [] }
    return tokens.map { ($0.text, $0.range) }
  }
}
