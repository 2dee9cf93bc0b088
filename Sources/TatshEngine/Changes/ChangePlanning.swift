import TATCore
import TatshLanguage

/// What `run` asks for: a script, the instances, and how to run it.
struct RunOptions: Sendable {
  var script: String
  var instanceIds: [String]
  var timeout: Int?
  var username: String?
  var workingDirectory: String?
  var waits = true
  var isConfirmed = false
}

/// How `rerun` and `cancel` go about it.
struct ChangeOptions: Sendable {
  var waits = false
  var isConfirmed = false
}

/// The arguments of `run`, `rerun` and `cancel`, checked with their places.
enum ChangePlanning {
  static let runUsage =
    "run 'COMMAND' on ID[, ID…] [--timeout D] [--user U] [--workdir P] [--no-wait] [--yes]"

  static func runOptions(of stage: Stage) throws(Diagnostic) -> RunOptions {
    var arguments = stage.arguments[...]
    guard let script = arguments.popFirst(), !script.text.isEmpty else {
      throw Diagnostic("'run' takes a command in quotes: \(runUsage)", at: stage.range)
    }
    guard let on = arguments.popFirst(), on.text.lowercased() == "on", on.kind == .bare else {
      // `run echo hi on …`: the command's words were taken one by one.
      if script.kind == .bare,
        let onAt = stage.arguments.firstIndex(where: { $0.kind == .bare && $0.text.lowercased() == "on" }),
        onAt > stage.arguments.startIndex
      {
        let words = stage.arguments[..<onAt].map(\.text).joined(separator: " ")
        throw Diagnostic(
          "'run' takes the command as one quoted word: run '\(words)' on …",
          at: script.range.union(stage.arguments[onAt - 1].range))
      }
      throw Diagnostic("'run' needs the instances: \(runUsage)", at: arguments.first?.range ?? stage.range)
    }
    var options = RunOptions(script: script.text, instanceIds: [])
    while let argument = arguments.popFirst() {
      guard argument.kind == .bare, argument.text.hasPrefix("--") else {
        guard ResourceID.isInstance(argument.text) else {
          throw Diagnostic(
            "'\(argument.text)' is not an instance id (ins-, lhins- or mi- and eight letters or digits)",
            at: argument.range)
        }
        options.instanceIds.append(argument.text)
        continue
      }
      switch argument.text {
      case "--timeout":
        guard let value = arguments.popFirst(), let seconds = DurationText.seconds(value.text),
          (1...86_400).contains(seconds)
        else {
          throw Diagnostic("--timeout takes a duration from 1s to 24h, such as 30s or 5m", at: argument.range)
        }
        options.timeout = seconds
      case "--user":
        guard let value = arguments.popFirst() else {
          throw Diagnostic("--user takes a user name", at: argument.range)
        }
        options.username = value.text
      case "--workdir":
        guard let value = arguments.popFirst() else {
          throw Diagnostic("--workdir takes a directory", at: argument.range)
        }
        options.workingDirectory = value.text
      case "--no-wait": options.waits = false
      case "--yes": options.isConfirmed = true
      default:
        let known = ["--timeout", "--user", "--workdir", "--no-wait", "--yes"]
        throw Diagnostic(
          "unknown option '\(argument.text)' of run (\(known.joined(separator: ", ")))", at: argument.range,
          suggestion: Suggestion.closest(to: argument.text, among: known))
      }
    }
    guard !options.instanceIds.isEmpty else {
      throw Diagnostic("'run' needs at least one instance after 'on': \(runUsage)", at: on.range)
    }
    return options
  }

  /// Plans `rerun` or `cancel`, which take invocations or tasks and hand on invocations.
  static func append(_ stage: Stage, shape: RecordShape, to steps: inout [Plan.Located<Plan.Step>])
    throws(Diagnostic) -> RecordShape
  {
    let name = stage.name.text.lowercased()
    guard shape.kind == .invocation || shape.kind == .task, shape.fields == nil else {
      throw Diagnostic(
        "'\(name)' needs whole invocations or tasks flowing in (put it before select, group and the like)",
        at: stage.name.range)
    }
    let options = try changeOptions(of: stage, allowsWaiting: name == "rerun")
    steps.append(
      .init(item: name == "rerun" ? .rerun(options) : .cancel(options), name: name, range: stage.range))
    return .of(.invocation)
  }

  /// The options of `rerun` (`--wait`, `--yes`) or `cancel` (`--yes`).
  static func changeOptions(of stage: Stage, allowsWaiting: Bool) throws(Diagnostic) -> ChangeOptions {
    var options = ChangeOptions()
    let known = allowsWaiting ? ["--wait", "--yes"] : ["--yes"]
    for argument in stage.arguments {
      switch argument.text {
      case "--wait" where allowsWaiting: options.waits = true
      case "--yes": options.isConfirmed = true
      default:
        throw Diagnostic(
          "'\(stage.name.text)' takes only \(known.joined(separator: " and "))", at: argument.range,
          suggestion: Suggestion.closest(to: argument.text, among: known))
      }
    }
    return options
  }
}
