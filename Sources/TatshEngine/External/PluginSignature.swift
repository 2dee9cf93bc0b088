import TatshLanguage

/// A plugin's arguments and flags as its describe declares them (protocol
/// 1): tatsh checks a call against them before anything runs, completes the
/// flags, and shows them in `help NAME`.
struct PluginSignature: Codable, Sendable, Hashable {
  /// A positional argument.
  struct Argument: Codable, Sendable, Hashable {
    var name: String
    /// `string` (the default), `number`, `duration` or `field`.
    var type: String?
    var required: Bool?
    /// Whether it may be given more than once (the last argument only).
    var repeats: Bool?
    var help: String?
  }

  /// A flag, `--name` or `--name VALUE` (`--name=VALUE`).
  struct Flag: Codable, Sendable, Hashable {
    var name: String
    /// `bool` (the default: no value), `string`, `number`, `duration` or `field`.
    var type: String?
    var help: String?
  }

  static let types = ["string", "number", "duration", "field", "bool"]

  /// Problems with the declaration itself, for `plugins check` and a broken plugin.
  static func problems(arguments: [Argument], flags: [Flag]) -> [String] {
    var problems: [String] = []
    for type in arguments.compactMap(\.type) + flags.compactMap(\.type) where !types.contains(type) {
      problems.append("the type '\(type)' is not one of \(types.joined(separator: ", "))")
    }
    for flag in flags where !flag.name.hasPrefix("--") {
      problems.append("the flag '\(flag.name)' does not start with --")
    }
    return problems
  }

  /// Checks `stage`'s arguments against the declaration, with a caret under
  /// the first wrong one; a `field` value must name a field of `shape`.
  static func check(
    _ stage: Stage, plugin: String, arguments declared: [Argument], flags: [Flag], shape: RecordShape
  ) throws(Diagnostic) {
    var positional = 0
    var rest = stage.arguments[...]
    while let argument = rest.popFirst() {
      if argument.kind == .bare, argument.text.hasPrefix("--") {
        let parts = argument.text.split(separator: "=", maxSplits: 1).map(String.init)
        guard let flag = flags.first(where: { $0.name == parts[0] }) else {
          throw Diagnostic(
            "'\(parts[0])' is not a flag of \(plugin)"
              + (flags.isEmpty ? " (it takes none)" : " (\(flags.map(\.name).joined(separator: ", ")))"),
            at: argument.range, suggestion: Suggestion.closest(to: parts[0], among: flags.map(\.name)))
        }
        let type = flag.type ?? "bool"
        if type == "bool" {
          if parts.count > 1 { throw Diagnostic("\(flag.name) takes no value", at: argument.range) }
          continue
        }
        let value: Literal
        if parts.count > 1 {
          value = Literal(text: parts[1], kind: .bare, range: argument.range)
        } else if let next = rest.popFirst() {
          value = next
        } else {
          throw Diagnostic("\(flag.name) takes a value (\(type))", at: argument.range)
        }
        try checkType(type, of: value, for: flag.name, shape: shape)
        continue
      }
      guard positional < declared.count || declared.last?.repeats == true else {
        throw Diagnostic(
          "\(plugin) takes \(declared.count) argument\(declared.count == 1 ? "" : "s")"
            + (declared.isEmpty ? "" : " (\(declared.map(\.name).joined(separator: " ")))"),
          at: argument.range)
      }
      let slot = declared[min(positional, declared.count - 1)]
      try checkType(slot.type ?? "string", of: argument, for: slot.name, shape: shape)
      positional += 1
    }
    if let missing = declared.dropFirst(positional).first(where: { $0.required == true }) {
      throw Diagnostic("\(plugin) needs its argument \(missing.name)", at: stage.name.range)
    }
  }

  private static func checkType(_ type: String, of value: Literal, for name: String, shape: RecordShape)
    throws(Diagnostic)
  {
    switch type {
    case "number":
      guard Double(value.text) != nil else {
        throw Diagnostic("\(name) is a number, not '\(value.text)'", at: value.range)
      }
    case "duration":
      guard DurationText.seconds(value.text) != nil else {
        throw Diagnostic("\(name) is a duration such as 30s or 5m, not '\(value.text)'", at: value.range)
      }
    case "field":
      _ = try shape.resolve(Name(text: value.text, range: value.range))
    default:
      break
    }
  }

  /// What `help NAME` adds: each argument and flag with its help.
  static func helpText(arguments: [Argument], flags: [Flag]) -> String {
    var text = ""
    if !arguments.isEmpty {
      text += "Arguments:\n"
      for argument in arguments {
        let type = argument.type ?? "string"
        let notes = [
          type, argument.required == true ? "required" : nil, argument.repeats == true ? "repeats" : nil,
        ]
        .compactMap { $0 }.joined(separator: ", ")
        text += "  \(argument.name) (\(notes))" + (argument.help.map { ": \($0)" } ?? "") + "\n"
      }
    }
    if !flags.isEmpty {
      text += "Flags:\n"
      for flag in flags {
        let value = (flag.type ?? "bool") == "bool" ? "" : " \((flag.type ?? "").uppercased())"
        text += "  \(flag.name)\(value)" + (flag.help.map { ": \($0)" } ?? "") + "\n"
      }
    }
    return text
  }
}
