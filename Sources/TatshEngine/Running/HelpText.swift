import TatshLanguage

/// What `help` prints: every source, stage, statement and definition, or one in detail.
enum HelpText {
  static let statements: [(usage: String, summary: String)] = [
    ("explain PIPELINE", "show the API calls a pipeline would make, and what runs client-side"),
    ("let NAME = PIPELINE", "keep a pipeline's records as $NAME"),
    ("def NAME [PARAM…] = PIPELINE", "name a pipeline; use it as a source or a stage, $PARAM in its body"),
    ("set", "list every setting and its value"),
    (
      "set format FORMAT",
      "the output of pipelines that name none: table, json, jsonl, csv, yaml, text; auto (the default): a table on a terminal, JSON Lines otherwise"
    ),
    ("set page-size N", "records a listing request asks for (Limit, 1–100)"),
    ("set timezone ZONE", "show times at UTC, local, or an offset like +08:00 (JSON keeps the API's)"),
    ("set color on|off|auto", "colour statuses in tables (auto: on a terminal without NO_COLOR)"),
    ("set pager on|off", "show output longer than the screen through $PAGER (less -SRFX)"),
    ("set timing on|off", "after each pipeline, print the time it took and the API requests it made"),
    (
      "set dry-run on|off",
      "run, rerun, cancel, enable and disable print the calls they would make instead of making them"
    ),
    ("set plugin-timeout D|off", "end a plugin or ^CMD stage that runs longer than D (30s, 5m)"),
    (
      "set strict on|off", "an id asked for by name and not found fails the pipeline (exit 1), not only warns"
    ),
    ("watch INTERVAL PIPELINE", "run the pipeline every INTERVAL (5s, 1m), redrawing, until Ctrl-C"),
    ("source FILE", "run another script's statements here"),
    ("echo WORD…", "print the words ($1 … $N and $args are the script's arguments)"),
    ("exit [N]", "stop, with status N"),
    ("help [NAME]", "this list, or one stage or statement in detail"),
    ("help fields [KIND]", "the fields of each kind of record: aliases, computed fields, values"),
    ("STAGE | ^CMD ARG…", "pipe the records, as JSON Lines, into a command (grep, jq, …)"),
  ]

  /// What `help NAME` adds to a statement's line: the rules a user must know.
  static let statementDetails: [String: String] = [
    "^": """
      The records go to CMD's stdin as JSON Lines; what it prints is printed. No shell
      is involved: the arguments reach it as written. It ends the pipeline, and, as in a
      shell, its own exit status is tatsh's: `… | ^grep x` that finds nothing exits 1,
      with no error.
    Examples:
      invocations | ^jq -r .InvocationId
      tasks where status=FAILED | ^grep -c TIMEOUT
    """
  ]

  /// Every name `help NAME` knows, for completion: stages, statements, `fields`, the shell's commands.
  static var topics: [String] {
    StageRegistry.all.map(\.name) + (statements + ShellCommand.usages).map { name(of: $0.usage) } + ["fields"]
  }

  /// A plugin as `help` shows it: described, or broken with the reason.
  typealias PluginEntry = (name: String, description: Result<PluginDescription, ExternalFailure>)

  static func overview(definitions: [String: PlanningEnvironment.Definition], plugins: [PluginEntry] = [])
    -> String
  {
    var text = ""
    for (title, role) in [
      ("Sources", StageDefinition.Role.source), ("Stages", .transform), ("Outputs", .output),
    ] {
      text += "\(title):\n"
      for signature in StageRegistry.all where signature.role == role {
        text += "  " + pad(signature.usage) + signature.summary + "\n"
      }
    }
    text += "Statements:\n"
    for statement in statements { text += "  " + pad(statement.usage) + statement.summary + "\n" }
    text += "Interactive shell:\n"
    for command in ShellCommand.usages { text += "  " + pad(command.usage) + command.summary + "\n" }
    if !plugins.isEmpty {
      text += "Plugins:\n"
      for plugin in plugins.sorted(by: { $0.name < $1.name }) {
        let shadowed =
          StageRegistry.definition(named: plugin.name) != nil
          ? " (hidden: a built-in stage has this name)" : ""
        switch plugin.description {
        case .success(let description):
          text += "  " + pad(description.usage ?? plugin.name) + description.summary + shadowed + "\n"
        case .failure(let problem):
          text += "  " + pad(plugin.name) + "broken: " + problem.message + "\n"
        }
      }
    }
    if !definitions.isEmpty {
      text += "Definitions:\n"
      for name in definitions.keys.sorted() {
        let definition = definitions[name]!
        text += "  " + pad(([name] + definition.parameters).joined(separator: " ")) + "(def)\n"
      }
    }
    return text
  }

  /// One stage's usage, summary and examples, or a diagnostic with a suggestion;
  /// `help fields [KIND]` lists fields.
  static func topic(
    _ words: [Name], definitions: [String: PlanningEnvironment.Definition], plugins: [PluginEntry] = []
  ) throws(Diagnostic) -> String {
    let name = words[0]
    if name.text.lowercased() == "fields" { return try FieldHelp.text(for: words.dropFirst().first) }
    if words.count > 1 {
      throw Diagnostic(
        "'help' takes one name; only 'help fields' takes a kind after it", at: words[1].range)
    }
    if let signature = StageRegistry.definition(named: name.text) {
      var text = "\(signature.usage)\n  \(signature.summary)\n"
      if let details = signature.details { text += details + "\n" }
      if !signature.examples.isEmpty {
        text += "Examples:\n" + signature.examples.map { "  \($0)\n" }.joined()
      }
      return text
    }
    if let plugin = plugins.first(where: { $0.name == name.text }) {
      switch plugin.description {
      case .success(let description):
        var text = "\(description.usage ?? description.name)   (plugin)\n  \(description.summary)\n"
        text += PluginSignature.helpText(
          arguments: description.arguments ?? [], flags: description.flags ?? [])
        let takes = description.accepts.map { "takes \($0.joined(separator: " or ")); " } ?? ""
        let kind = description.kind.map { $0 == "same" ? " of the kind it takes" : " (\($0))" } ?? ""
        text += "  \(takes)writes \(description.emits.rawValue)\(kind)\n"
        if let examples = description.examples, !examples.isEmpty {
          text += "Examples:\n" + examples.map { "  \($0)\n" }.joined()
        }
        return text
      case .failure(let problem):
        return "\(plugin.name)   (plugin, broken)\n  \(problem.message)\n"
      }
    }
    if let definition = definitions[name.text] {
      return ([name.text] + definition.parameters).joined(separator: " ") + " (def)\n"
    }
    let wanted = name.text.lowercased().hasPrefix("^") ? "^" : name.text.lowercased()
    let matching = (statements + ShellCommand.usages).filter { Self.name(of: $0.usage) == wanted }
    if !matching.isEmpty {
      return matching.map { "\($0.usage)\n  \($0.summary)\n" }.joined()
        + (statementDetails[wanted].map { $0 + "\n" } ?? "")
    }
    let builtIn: [String] =
      StageRegistry.all.map(\.name) + (statements + ShellCommand.usages).map { Self.name(of: $0.usage) }
    let names: [String] = builtIn + Array(definitions.keys) + plugins.map(\.name)
    throw Diagnostic(
      "no help for '\(name.text)'", at: name.range,
      suggestion: Suggestion.closest(to: name.text, among: names))
  }

  /// The word `help` knows a statement by: `set`, `each`, `^` (for `STAGE | ^CMD`).
  private static func name(of usage: String) -> String {
    let words = usage.split(separator: " ")
    let word = words.first == "STAGE" && words.count > 2 ? words[2] : words.first ?? ""
    return word.hasPrefix("^") ? "^" : word.lowercased()
  }

  private static func pad(_ text: String) -> String {
    text.count >= 34 ? text + "  " : text + String(repeating: " ", count: 34 - text.count)
  }
}
