import TatshLanguage

/// Stages that fetch related records: the tasks of invocations, the
/// invocations of tasks, each record's command or agent, the invokers of
/// invocations and the records of invokers.
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
    join(
      .command, stage: "command",
      examples: ["invocations | first 5 | command | select id, Command.CreatedBy"]),
    join(
      .agent, stage: "agent",
      examples: [
        "tasks where status=DELIVER_FAILED | agent | group by Agent.AgentStatus",
        "registered | agent | select id, Agent.Version",
      ]),
    StageDefinition(
      name: "invoker", role: .transform, usage: "invoker",
      summary: "from invocations (or tasks) an invoker made to their invokers, each once",
      details: """
          Only invocations with InvocationSource=INVOKER have an invoker; the others are
          skipped, and a warning says how many. An invocation names no invoker: its
          invoker is found through the records of the invokers of its command.
        """,
      examples: ["invocations where source=INVOKER | first 3 | invoker"],
      followsPipe: { stage, draft throws(Diagnostic) in
        try stage.expectNoArguments()
        guard ["InvocationId", "CommandId", "InvocationSource"].allSatisfy(draft.shape.holds) else {
          throw Diagnostic(
            "'invoker' needs invocations or tasks (records with an InvocationId, CommandId and InvocationSource) flowing in",
            at: stage.name.range)
        }
        draft.append(InvokerLookupStep(), for: stage, at: stage.name.range)
        draft.shape = .of(.invoker)
      }),
    StageDefinition(
      name: "invoker-records", role: .transform, usage: "INVOKERS | invoker-records",
      summary: "the records of the invokers flowing in",
      examples: ["invokers | invoker-records | group by invoker percent result FAILED"],
      followsPipe: { stage, draft throws(Diagnostic) in
        try stage.expectNoArguments(reason: "after a pipe, the records are those of the incoming invokers")
        guard draft.shape.holds("InvokerId") else {
          throw Diagnostic(
            "'invoker-records' needs invokers (records with an InvokerId) flowing in", at: stage.name.range)
        }
        draft.append(InvokerRecordsStep(), for: stage, at: stage.name.range)
        draft.shape = .of(.invokerRecord)
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

/// A join stage, `command` or `agent`: adds to each record the record of
/// `kind` that its id field names, as the field `kind.joinedAs`. Its help
/// says which fields that holds, from the kind.
extension StageRegistry {
  fileprivate static func join(_ kind: RecordKind, stage name: String, examples: [String]) -> StageDefinition
  {
    let field = kind.joinedAs!
    let example = kind.enumeratedValues.keys.sorted().first ?? kind.fields[1]
    return StageDefinition(
      name: name, role: .transform, usage: name,
      summary: "add each record's \(kind.name) (\(kind.listing.action)) as the field \(field)",
      details: """
          \(field) holds the \(kind.name) that the record's \(kind.idField) names, or null where
          there is none. Its fields are written through it, as in \(field).\(example),
          wherever a field can be; help fields \(kind.plural) lists them.
        """,
      examples: examples,
      followsPipe: { stage, draft throws(Diagnostic) in
        try stage.expectNoArguments()
        guard draft.shape.holds(kind.idField) else {
          throw Diagnostic(
            "'\(name)' needs records with \(article(kind.idField)) \(kind.idField) flowing in",
            at: stage.name.range)
        }
        draft.append(JoinStep(kind: kind), for: stage, at: stage.name.range)
        draft.shape.join(kind)
      })
  }

  private static func article(_ word: String) -> String {
    "AEIOU".contains(word.first ?? "x") ? "an" : "a"
  }
}

struct JoinStep: PlanStep {
  var kind: RecordKind
  func stream(_ input: any RecordStream, in context: StepContext) -> any RecordStream {
    RecordJoin(input, kind: kind, service: context.service)
  }
  var passesEveryRecord: Bool { true }
  var explanation: String {
    "\(kind.joinedAs!.lowercased()): \(kind.listing.action) with the \(kind.idField)s of each page of records as it comes, up to 100 a call, each once"
  }
}

struct InvokerLookupStep: PlanStep {
  func stream(_ input: any RecordStream, in context: StepContext) -> any RecordStream {
    let errors = context.io.errors
    return InvokerLookup(input, service: context.service) { warning in
      errors.write("invoker: warning: \(warning)\n")
      errors.flush()
    }
  }
  var explanation: String {
    "invoker: of the invocations with InvocationSource=INVOKER (others skipped, with a warning), DescribeInvokers with a command-id filter of their CommandIds (5 a filter, 100 a page, each command once), then DescribeInvokerRecords of those invokers (100 ids a call, 100 a page) until each invocation's record is found; each invoker once"
  }
}

struct InvokerRecordsStep: PlanStep {
  func stream(_ input: any RecordStream, in context: StepContext) -> any RecordStream {
    var seen: Set<String> = []
    let batches = IdBatches(input) { invoker in
      invoker["InvokerId"]?.stringValue.flatMap { seen.insert($0).inserted ? [$0] : nil } ?? []
    }
    return GroupedListing(.invokerRecord, service: context.service) { try await batches.next() }
  }
  var explanation: String {
    "invoker-records: DescribeInvokerRecords with the invokers' InvokerIds, each once, 100 a call, then one a page of 100 until each call's TotalCount"
  }
}
