/// A program records are piped through: a plugin (`tatsh-NAME`) or any
/// command (`^CMD`).
struct ExternalCommand: Sendable {
  /// What the program writes back.
  enum Emits: String, Sendable, Codable {
    /// JSON Lines, one record a line.
    case records
    /// Text for the terminal, a line at a time.
    case text
  }

  /// How errors name it: `tatsh-notify`, `^grep`.
  var name: String
  var executable: String
  var arguments: [String]
  var emits: Emits
}
