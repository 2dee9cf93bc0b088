import ArgumentParser
import Foundation
import TatshEngine

/// `tatsh plugins [check]`: the plugins tatsh finds, and their problems.
struct Plugins: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "plugins",
    abstract: "List the plugins tatsh finds: path, folder, what each shadows, and whether it works.",
    discussion: """
      The folders are searched in order: a script's plugins/ (with --script), \
      each of $TATSH_PLUGIN_PATH, then $XDG_CONFIG_HOME/tatsh/plugins. With check, \
      every plugin is asked to describe itself afresh (not from the cache) and \
      every problem is named: a broken or slow describe, a name that does not \
      match its file, an unknown emits or kind, a file that is not executable. \
      Exit status 1 when check finds a problem.
      """)

  @Argument(
    help: ArgumentHelp("check: ask each plugin afresh and report every problem.", valueName: "check"),
    completion: .list(["check"]))
  var action: String?

  @Option(help: ArgumentHelp("Also search the plugins/ folder beside this script.", valueName: "file"))
  var script: String?

  func validate() throws {
    if let action, action != "check" {
      throw ValidationError("'\(action)' is not an action of plugins: check")
    }
  }

  func run() throws {
    let folder = script.map { URL(fileURLWithPath: $0).deletingLastPathComponent().path }
    let report = PluginReport.text(
      environment: ProcessInfo.processInfo.environment, scriptFolder: folder, checking: action == "check")
    FileHandle.standardOutput.write(Data(report.text.utf8))
    if action == "check", report.problems > 0 { throw ExitCode(1) }
  }
}
