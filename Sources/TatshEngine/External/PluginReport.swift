import Foundation

/// What `tatsh plugins` prints: every `tatsh-NAME` file in the plugin
/// folders, where it was found, what it shadows, and whether it works;
/// with `check`, each is asked afresh and every problem is named.
public enum PluginReport {
  /// The report, and how many problems it names.
  public static func text(environment: [String: String], scriptFolder: String?, checking: Bool) -> (
    text: String, problems: Int
  ) {
    let catalog = PluginCatalog(environment: environment)
    let folders = catalog.folders(scriptFolder: scriptFolder)
    var text = "Folders searched, in order:\n" + folders.map { "  \($0)\n" }.joined()
    let entries = catalog.entries(scriptFolder: scriptFolder)
    guard !entries.isEmpty else { return (text + "No plugins (files named tatsh-NAME) in them.\n", 0) }
    text += "Plugins:\n"
    var problems = 0
    for entry in entries {
      var notes: [String] = []
      var entryProblems: [String] = []
      if entry.isOwnProgram {
        notes.append(
          "tatsh's own \(entry.name), not a plugin: left out (remove its folder from TATSH_PLUGIN_PATH)")
      } else if !entry.isExecutable {
        entryProblems.append("not executable: chmod +x \(entry.path)")
      } else if let winner = entry.shadowedBy {
        notes.append("shadowed by \(winner)")
      } else {
        let described =
          checking ? catalog.describeAfresh(path: entry.path) : catalog.describe(path: entry.path)
        switch described {
        case .success(let description):
          notes.append(
            "protocol \(description.protocol ?? 0), emits \(description.emits.rawValue)"
              + (StageRegistry.definition(named: entry.name) != nil
                ? "; hidden: a built-in stage has this name" : ""))
          if checking, description.name != entry.name {
            entryProblems.append(
              "its describe says its name is '\(description.name)', and its file says '\(entry.name)'")
          }
          if checking, description.protocol == nil {
            notes.append("no protocol version: declare \"protocol\": \(PluginDescription.protocolVersion)")
          }
        case .failure(let failure):
          entryProblems.append("broken: \(failure.message)")
        }
      }
      problems += entryProblems.count
      text += "  \(entry.name)  \(entry.path)\n"
      for line in notes { text += "    \(line)\n" }
      for line in entryProblems { text += "    problem: \(line)\n" }
    }
    if checking {
      text += problems == 0 ? "No problems.\n" : "\(problems) problem\(problems == 1 ? "" : "s").\n"
    }
    return (text, problems)
  }
}
