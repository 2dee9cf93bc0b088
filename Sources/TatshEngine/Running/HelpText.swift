import TatshLanguage

/// What `help` prints: every source, stage, statement and definition, or one in detail.
enum HelpText {
  static let statements: [(usage: String, summary: String)] = [
    ("explain PIPELINE", "show the API calls a pipeline would make, and what runs client-side"),
    ("let NAME = PIPELINE", "keep a pipeline's records as $NAME"),
    ("def NAME [PARAM…] = PIPELINE", "name a pipeline; use it as a source or a stage, $PARAM in its body"),
    ("set format FORMAT", "the output of pipelines that name none: table, json, jsonl, csv, yaml, text"),
    ("set page-size N", "records a listing request asks for (Limit, 1–100)"),
    ("set timezone ZONE", "show times at UTC, local, or an offset like +08:00 (JSON keeps the API's)"),
    ("set color on|off|auto", "colour statuses in tables (auto: on a terminal without NO_COLOR)"),
    ("set pager on|off", "show output longer than the screen through $PAGER (less -SRFX)"),
    ("set timing on|off", "after each pipeline, print the time it took and the API requests it made"),
    ("set dry-run on|off", "run, rerun and cancel print the calls they would make instead of making them"),
    ("set plugin-timeout D|off", "end a plugin or ^CMD stage that runs longer than D (30s, 5m)"),
    ("watch INTERVAL PIPELINE", "run the pipeline every INTERVAL (5s, 1m), redrawing, until Ctrl-C"),
    ("source FILE", "run another script's statements here"),
    ("echo WORD…", "print the words ($1 … $N and $args are the script's arguments)"),
    ("exit [N]", "stop, with status N"),
    ("help [NAME]", "this list, or one stage in detail"),
    (
      "STAGE | each [--parallel N] [--keep-going] [--timeout D] 'CMD'",
      "run a shell command per record; {{Field}} is its value, quoted"
    ),
    ("STAGE | ^CMD ARG…", "pipe the records, as JSON Lines, into a command (grep, jq, …)"),
  ]

  /// A plugin as `help` shows it: described, or broken with the reason.
  typealias PluginEntry = (name: String, description: Result<PluginDescription, ExternalFailure>)

  static func overview(definitions: [String: PlanningEnvironment.Definition], plugins: [PluginEntry] = [])
    -> String
  {
    var text = ""
    for (title, role) in [
      ("Sources", StageSignature.Role.source), ("Stages", .transform), ("Outputs", .output),
    ] {
      text += "\(title):\n"
      for signature in StageCatalog.all where signature.role == role {
        text += "  " + pad(signature.usage) + signature.summary + "\n"
      }
    }
    text += "Statements:\n"
    for statement in statements { text += "  " + pad(statement.usage) + statement.summary + "\n" }
    if !plugins.isEmpty {
      text += "Plugins:\n"
      for plugin in plugins.sorted(by: { $0.name < $1.name }) {
        let shadowed =
          StageCatalog.signature(named: plugin.name) != nil ? " (hidden: a built-in stage has this name)" : ""
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

  /// One stage's usage, summary and examples, or a diagnostic with a suggestion.
  static func topic(
    _ name: Name, definitions: [String: PlanningEnvironment.Definition], plugins: [PluginEntry] = []
  ) throws(Diagnostic) -> String {
    if let signature = StageCatalog.signature(named: name.text) {
      var text = "\(signature.usage)\n  \(signature.summary)\n"
      if !signature.examples.isEmpty {
        text += "Examples:\n" + signature.examples.map { "  \($0)\n" }.joined()
      }
      return text
    }
    if let plugin = plugins.first(where: { $0.name == name.text }) {
      switch plugin.description {
      case .success(let description):
        var text = "\(description.usage ?? description.name)   (plugin)\n  \(description.summary)\n"
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
    if let statement = statements.first(where: {
      $0.usage.split(separator: " ").first?.lowercased() == name.text.lowercased()
    }) {
      return "\(statement.usage)\n  \(statement.summary)\n"
    }
    let names = StageCatalog.all.map(\.name) + Array(definitions.keys) + plugins.map(\.name)
    throw Diagnostic(
      "no help for '\(name.text)'", at: name.range,
      suggestion: Suggestion.closest(to: name.text, among: names))
  }

  private static func pad(_ text: String) -> String {
    text.count >= 34 ? text + "  " : text + String(repeating: " ", count: 34 - text.count)
  }
}
