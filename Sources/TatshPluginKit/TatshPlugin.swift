import Foundation

/// A tatsh plugin written in Swift: describe it, take records one at a
/// time, give records (or lines of text) back. `PluginRunner` does the
/// handshake and the JSON Lines on stdin and stdout.
public protocol TatshPlugin {
  /// What `--tatsh-describe` prints.
  static var description: PluginDescription { get }
  init(arguments: [String]) throws
  /// Called for each record; returns what to emit now.
  mutating func receive(_ record: [String: Any]) throws -> [PluginOutput]
  /// Called at the end of the input; returns what to emit last.
  mutating func finish() throws -> [PluginOutput]
}

/// What a plugin says about itself.
public struct PluginDescription: Codable, Sendable {
  /// Whether a plugin writes records or text.
  public enum Emits: String, Codable, Sendable {
    case records, text
  }

  public var name: String
  public var summary: String
  public var usage: String
  public var examples: [String]
  public var emits: Emits

  public init(name: String, summary: String, usage: String, examples: [String], emits: Emits) {
    self.name = name
    self.summary = summary
    self.usage = usage
    self.examples = examples
    self.emits = emits
  }
}

/// One thing a plugin hands back.
public enum PluginOutput {
  case record([String: Any])
  case text(String)
}
