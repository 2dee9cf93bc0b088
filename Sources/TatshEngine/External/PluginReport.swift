import Foundation

/// What `tatsh plugins` prints and `tatsh doctor` checks: every `tatsh-NAME`
/// file in the plugin folders, where it was found, what it shadows, and
/// whether it works; with checking, each is asked afresh and every problem
/// is named.
public struct PluginReport: Sendable {
  /// One `tatsh-NAME` file found.
  public struct Entry: Sendable {
    /// The plugin's name, the file's without `tatsh-`.
    public var name: String
    /// Its file.
    public var path: String
    /// What is worth knowing of it: its protocol and what it emits, what shadows it.
    public var notes: [String]
    /// What is wrong with it: broken, not executable, misnamed.
    public var problems: [String]
    /// Whether the file may be run: a file that may not is a problem (`chmod +x`).
    public var isExecutable: Bool
  }

  /// The folders searched, in order.
  public var folders: [String]
  /// The plugin files found in them, in the order they are searched.
  public var entries: [Entry]

  /// How many problems the entries have in all.
  public var problems: Int { entries.reduce(0) { $0 + $1.problems.count } }

  /// Looks in the plugin folders and asks each plugin to describe itself;
  /// with `checking`, afresh (not from the cache), and more is counted as a problem.
  public init(environment: [String: String], scriptFolder: String?, checking: Bool) {
    let catalog = PluginCatalog(environment: environment)
    folders = catalog.folders(scriptFolder: scriptFolder)
    entries = catalog.entries(scriptFolder: scriptFolder).map { entry in
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
      return Entry(
        name: entry.name, path: entry.path, notes: notes, problems: entryProblems,
        isExecutable: entry.isExecutable)
    }
  }

  /// The report as `tatsh plugins` prints it, and how many problems it names.
  public static func text(environment: [String: String], scriptFolder: String?, checking: Bool) -> (
    text: String, problems: Int
  ) {
    let report = PluginReport(environment: environment, scriptFolder: scriptFolder, checking: checking)
    var text = "Folders searched, in order:\n" + report.folders.map { "  \($0)\n" }.joined()
    guard !report.entries.isEmpty else { return (text + "No plugins (files named tatsh-NAME) in them.\n", 0) }
    text += "Plugins:\n"
    for entry in report.entries {
      text += "  \(entry.name)  \(entry.path)\n"
      for line in entry.notes { text += "    \(line)\n" }
      for line in entry.problems { text += "    problem: \(line)\n" }
    }
    let problems = report.problems
    if checking {
      text += problems == 0 ? "No problems.\n" : "\(problems) problem\(problems == 1 ? "" : "s").\n"
    }
    return (text, problems)
  }
}
