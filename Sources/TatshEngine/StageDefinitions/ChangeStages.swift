import TATCore
import TatshLanguage

/// Stages that run or change things: `run`, `rerun`, `cancel`, and
/// `enable` and `disable` for invokers.
extension StageRegistry {
  static let changes: [StageDefinition] = [
    StageDefinition(
      name: "run", role: .source,
      usage: runUsage,
      summary: "run a shell command on instances (RunCommand), wait, and show its tasks",
      examples: ["run 'uptime' on mi-local001, mi-local002 | decode | select instance, output"],
      // `run 'CMD' on ID…`: after the command, `on`; the ids and values are typed.
      completion: .custom { words, _ in words.count == 2 ? ["on"] : [] },
      flags: runFlags,
      startsPipeline: .local { stage, _ throws(Diagnostic) in
        let options = try runOptions(of: stage)
        return (.run(options), .of(options.waits ? .task : .invocation))
      }),
    StageDefinition(
      name: "rerun", role: .transform, usage: "rerun [--wait] [--yes]",
      summary: "run the same command again on exactly the instances of these invocations or tasks",
      examples: ["invocations inv-q4zp60g0 | tasks where status=FAILED | rerun --wait"],
      flags: rerunFlags,
      actsOnEachRecord: true,
      followsPipe: { stage, draft throws(Diagnostic) in
        let given = try changeFlags(of: stage, rerunFlags, in: draft)
        let options = ChangeOptions(waits: given.contains("--wait"), isConfirmed: given.contains("--yes"))
        draft.append(RerunStep(options: options), for: stage)
        draft.shape = .of(.invocation)
      }),
    StageDefinition(
      name: "cancel", role: .transform, usage: "cancel [--yes]",
      summary: "cancel these invocations (or only these tasks) while they run (CancelInvocation)",
      examples: ["invocations where status=RUNNING | cancel"],
      flags: cancelFlags,
      actsOnEachRecord: true,
      followsPipe: { stage, draft throws(Diagnostic) in
        let given = try changeFlags(of: stage, cancelFlags, in: draft)
        draft.append(CancelStep(options: ChangeOptions(isConfirmed: given.contains("--yes"))), for: stage)
        draft.shape = .of(.invocation)
      }),
    invokerSwitch(EnableInvokerRequest.self, examples: ["invokers where enabled=false | enable"]),
    invokerSwitch(
      DisableInvokerRequest.self, examples: ["invokers where name=hourly-disk-check | disable --yes"]),
  ]

  /// `enable` or `disable`: turns the schedule of each invoker flowing in on
  /// or off, one call an invoker, and hands on the invokers as they stand after.
  private static func invokerSwitch<Request: InvokerSwitchRequest>(
    _ request: Request.Type, examples: [String]
  ) -> StageDefinition {
    let name = Request.enables ? "enable" : "disable"
    return StageDefinition(
      name: name, role: .transform, usage: "\(name) [--yes]",
      summary:
        "turn \(Request.enables ? "on" : "off") the schedules of these invokers (\(Request.action)), and show them after",
      examples: examples,
      flags: cancelFlags,
      actsOnEachRecord: true,
      followsPipe: { stage, draft throws(Diagnostic) in
        guard draft.shape.holds("InvokerId"), draft.shape.renamed.isEmpty else {
          throw Diagnostic(
            "'\(name)' needs invokers (records with an InvokerId) flowing in (put it before select, rename, group and the like)",
            at: stage.name.range)
        }
        let (given, rest) = try cancelFlags.parse(stage.arguments, of: stage)
        if let extra = rest.first {
          throw Diagnostic(
            "'\(name)' takes only --yes; the invokers are those flowing in", at: extra.range,
            suggestion: Suggestion.closest(to: extra.text, among: cancelFlags.names))
        }
        draft.append(
          InvokerSwitchStep<Request>(options: ChangeOptions(isConfirmed: given.contains("--yes"))), for: stage
        )
        draft.shape = .of(.invoker)
      })
  }

  private static let runFlags = StageFlags(
    .init("--timeout", "D", problem: "--timeout takes a duration from 1s to 24h, such as 30s or 5m"),
    .init("--user", "U", problem: "--user takes a user name"),
    .init("--workdir", "P", problem: "--workdir takes a directory"),
    .init("--no-wait"), .init("--yes"))

  private static let rerunFlags = StageFlags(.init("--wait"), .init("--yes"))
  private static let cancelFlags = StageFlags(.init("--yes"))

  private static let runUsage =
    "run 'COMMAND' on ID[, ID…] " + runFlags.flags.map { "[\($0.usage)]" }.joined(separator: " ")

  /// `run 'CMD' on ID… [flags]`, checked with the places of its mistakes.
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
    let (given, instances) = try runFlags.parse(Array(arguments), of: stage)
    var options = RunOptions(script: script.text, instanceIds: [])
    for argument in instances {
      guard ResourceID.isInstance(argument.text) else {
        throw Diagnostic(
          "'\(argument.text)' is not an instance id (ins-, lhins- or mi- and eight letters or digits)",
          at: argument.range)
      }
      options.instanceIds.append(argument.text)
    }
    options.timeout = try given.seconds("--timeout", in: 1...86_400)
    options.username = given.text("--user")
    options.workingDirectory = given.text("--workdir")
    options.waits = !given.contains("--no-wait")
    options.isConfirmed = given.contains("--yes")
    guard !options.instanceIds.isEmpty else {
      throw Diagnostic("'run' needs at least one instance after 'on': \(runUsage)", at: on.range)
    }
    return options
  }

  /// The flags of `rerun` or `cancel`, which take whole invocations or tasks and nothing else.
  private static func changeFlags(of stage: Stage, _ flags: StageFlags, in draft: PipelineDraft)
    throws(Diagnostic) -> GivenFlags
  {
    let name = stage.name.text.lowercased()
    guard draft.shape.kind == .invocation || draft.shape.kind == .task, draft.shape.fields == nil,
      draft.shape.renamed.isEmpty
    else {
      throw Diagnostic(
        "'\(name)' needs whole invocations or tasks flowing in (put it before select, rename, group and the like)",
        at: stage.name.range)
    }
    let (given, rest) = try flags.parse(stage.arguments, of: stage)
    if let extra = rest.first {
      throw Diagnostic(
        "'\(name)' takes only \(flags.names.joined(separator: " and "))", at: extra.range,
        suggestion: Suggestion.closest(to: extra.text, among: flags.names))
    }
    return given
  }
}

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

struct RerunStep: PlanStep {
  var options: ChangeOptions
  func stream(_ input: any RecordStream, in context: StepContext) -> any RecordStream {
    RerunStream(
      input, options: options, service: context.service, gate: context.gate, progress: context.progress)
  }
  var explanation: String {
    "rerun: InvokeCommand per command, on the instances of the records it gets, 200 a call (changes things; not made by explain)"
      + (options.waits ? "; then waits for the new invocations" : "")
  }
}

struct CancelStep: PlanStep {
  var options: ChangeOptions
  func stream(_ input: any RecordStream, in context: StepContext) -> any RecordStream {
    CancelStream(input, options: options, service: context.service, gate: context.gate)
  }
  var explanation: String {
    "cancel: CancelInvocation per invocation of the records it gets (changes things; not made by explain)"
  }
}

struct InvokerSwitchStep<Request: InvokerSwitchRequest>: PlanStep {
  var options: ChangeOptions
  func stream(_ input: any RecordStream, in context: StepContext) -> any RecordStream {
    InvokerSwitchStream<Request>(input, options: options, service: context.service, gate: context.gate)
  }
  var explanation: String {
    "\(Request.enables ? "enable" : "disable"): \(Request.action) per invoker of the records it gets (changes things; not made by explain); then DescribeInvokers for them, 100 ids a call"
  }
}
