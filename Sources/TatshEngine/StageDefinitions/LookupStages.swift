import TatshLanguage

/// Stages that fetch related records: the tasks of invocations, the
/// invocations of tasks, and each record's command.
extension StageRegistry {
  static let lookups: [StageDefinition] = [
    StageDefinition(
      name: "tasks", role: .transform, usage: "INVOCATIONS | tasks",
      summary: "the tasks of the invocations flowing in",
      examples: ["invocations where status=FAILED | tasks | decode"],
      followsPipe: { stage, draft throws(Diagnostic) in
        try stage.expectNoArguments(reason: "after a pipe, tasks are those of the incoming invocations")
        guard draft.shape.kind == .invocation, draft.shape.holds("InvocationTaskBasicInfoSet") else {
          throw Diagnostic(
            "'tasks' needs invocations (with their InvocationTaskBasicInfoSet) flowing in",
            at: stage.name.range)
        }
        draft.append(TaskFanOutStep(), for: stage, at: stage.name.range)
        draft.shape = .of(.task)
      }),
    StageDefinition(
      name: "invocation", role: .transform, usage: "invocation",
      summary: "from tasks to the invocations they belong to, each once",
      examples: ["tasks where exit=127 | invocation | select id, name"],
      followsPipe: { stage, draft throws(Diagnostic) in
        try stage.expectNoArguments()
        // Whole invocations are already themselves.
        guard draft.shape.holds("InvocationId"), draft.shape.kind != .invocation || draft.shape.fields != nil
        else {
          throw Diagnostic(
            "'invocation' needs tasks (records with an InvocationId) flowing in", at: stage.name.range)
        }
        draft.append(InvocationLookupStep(), for: stage, at: stage.name.range)
        draft.shape = .of(.invocation)
      }),
    StageDefinition(
      name: "command", role: .transform, usage: "command",
      summary: "add each record's command (DescribeCommands) as the field Command",
      examples: ["invocations | first 5 | command | select id, Command.CreatedBy"],
      followsPipe: { stage, draft throws(Diagnostic) in
        try stage.expectNoArguments()
        guard draft.shape.holds("CommandId") else {
          throw Diagnostic("'command' needs records with a CommandId flowing in", at: stage.name.range)
        }
        draft.append(CommandJoinStep(), for: stage, at: stage.name.range)
        draft.shape.extras.insert("Command")
      }),
  ]
}

/// `… | tasks`: the tasks of the incoming invocations, with a prefilter that
/// a `where` right after it can decide from the basic task info.
struct TaskFanOutStep: PlanStep {
  /// What `InvocationTaskBasicInfoSet` tells of a task before it is fetched.
  static let basicFields: Set<String> = ["TaskStatus", "InvocationTaskId", "InstanceId", "InvocationId"]

  var prefilter: Condition? = nil
  func stream(_ input: any RecordStream, in context: StepContext) -> any RecordStream {
    TaskFanOut(input, service: context.service, prefilter: prefilter)
  }
  var explanation: String {
    var line =
      "tasks: DescribeInvocationTasks with InvocationTaskIds from InvocationTaskBasicInfoSet, 100 a call, HideOutput=false"
    if let prefilter { line += "; only tasks where \(prefilter.description) are asked for" }
    return line
  }
}

struct InvocationLookupStep: PlanStep {
  func stream(_ input: any RecordStream, in context: StepContext) -> any RecordStream {
    InvocationLookup(input, service: context.service)
  }
  var explanation: String {
    "invocation: DescribeInvocations with the tasks' InvocationIds, 100 a call, each once"
  }
}

struct CommandJoinStep: PlanStep {
  func stream(_ input: any RecordStream, in context: StepContext) -> any RecordStream {
    CommandJoin(input, service: context.service)
  }
  var explanation: String { "command: DescribeCommands with the records' CommandIds, 100 a call, each once" }
}
