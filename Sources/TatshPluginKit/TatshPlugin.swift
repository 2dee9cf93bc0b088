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

  /// A positional argument, checked by tatsh before the plugin runs.
  public struct Argument: Codable, Sendable {
    public var name: String
    /// `string`, `number`, `duration` or `field`.
    public var type: String?
    public var required: Bool?
    public var repeats: Bool?
    public var help: String?

    public init(
      name: String, type: String? = nil, required: Bool? = nil, repeats: Bool? = nil, help: String? = nil
    ) {
      self.name = name
      self.type = type
      self.required = required
      self.repeats = repeats
      self.help = help
    }
  }

  /// A flag, `--name` (`bool`) or `--name VALUE`.
  public struct Flag: Codable, Sendable {
    public var name: String
    public var type: String?
    public var help: String?

    public init(name: String, type: String? = nil, help: String? = nil) {
      self.name = name
      self.type = type
      self.help = help
    }
  }

  /// The version of the protocol this kit speaks.
  public var `protocol` = 1
  public var name: String
  public var summary: String
  public var usage: String
  public var examples: [String]
  public var emits: Emits
  /// `same`, or `invocations`, `tasks`, `commands`: what the records it writes are.
  public var kind: String?
  /// The top-level fields of the records it writes.
  public var fields: [String]?
  public var arguments: [Argument]?
  public var flags: [Flag]?
  /// The kinds of records it takes; nil: any.
  public var accepts: [String]?

  public init(
    name: String, summary: String, usage: String, examples: [String], emits: Emits, kind: String? = nil,
    fields: [String]? = nil, arguments: [Argument]? = nil, flags: [Flag]? = nil, accepts: [String]? = nil
  ) {
    self.name = name
    self.summary = summary
    self.usage = usage
    self.examples = examples
    self.emits = emits
    self.kind = kind
    self.fields = fields
    self.arguments = arguments
    self.flags = flags
    self.accepts = accepts
  }
}

/// One thing a plugin hands back.
public enum PluginOutput {
  case record([String: Any])
  case text(String)
}
