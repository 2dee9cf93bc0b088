import TATCore

extension Plan {
  /// What `explain` prints: each API call with its parameters, the fewest
  /// calls it can take, and what is decided client-side.
  public var explanation: String {
    var lines: [String] = []
    switch source.item {
    case .invocations(let ids, let filters, let wanted):
      lines.append(
        call("DescribeInvocations", idsName: "InvocationIds", ids: ids, filters: filters, wanted: wanted))
    case .tasks(let ids, let filters, let wanted):
      lines.append(
        call(
          "DescribeInvocationTasks", idsName: "InvocationTaskIds", ids: ids, filters: filters, wanted: wanted)
          + ", HideOutput=false")
    case .commands(let ids, let filters, let wanted):
      lines.append(
        call("DescribeCommands", idsName: "CommandIds", ids: ids, filters: filters, wanted: wanted))
    case .variable(let name):
      lines.append("read the records of $\(name) (no API call)")
    case .file(let path):
      lines.append("read \(path), JSON or JSON Lines (no API call)")
    case .standardInput:
      lines.append("read standard input, JSON Lines or a JSON array, each record as it arrives (no API call)")
    case .run(let options):
      lines.append(
        "RunCommand (changes things; not made by explain) \(ChangeGate.described(RunSource.request(for: options)))"
      )
      lines.append(
        options.waits
          ? "then DescribeInvocations, more slowly as it waits, until it finishes, and DescribeInvocationTasks for its tasks"
          : "then DescribeInvocations for the new invocation (--no-wait)")
    }
    for step in steps {
      switch step.item {
      case .filter(let condition): lines.append("where (client-side): \(condition.description)")
      case .tasks(let prefilter):
        var line =
          "tasks: DescribeInvocationTasks with InvocationTaskIds from InvocationTaskBasicInfoSet, 100 a call, HideOutput=false"
        if let prefilter { line += "; only tasks where \(prefilter.description) are asked for" }
        lines.append(line)
      case .decode(let paths):
        lines.append("decode: \(paths.map { $0.joined(separator: ".") }.joined(separator: ", "))")
      case .select(let paths): lines.append("select: \(paths.joined(separator: ", "))")
      case .reject(let names): lines.append("reject: \(names.joined(separator: ", "))")
      case .sort(let keys):
        lines.append(
          "sort by: " + keys.map { $0.path + ($0.isDescending ? " desc" : "") }.joined(separator: ", "))
      case .first(let count): lines.append("first \(count): stops asking once \(count) records are in")
      case .skip(let count): lines.append("skip \(count)")
      case .last(let count): lines.append("last \(count)")
      case .uniq(let path): lines.append("uniq: \(path)")
      case .get(let path): lines.append("get: \(path)")
      case .count: lines.append("count")
      case .group(let key, let aggregates):
        lines.append(
          "group by \(key): count" + aggregates.map { ", \($0.function.rawValue) \($0.path)" }.joined())
      case .flatten(let field): lines.append("flatten: \(field)")
      case .invocation:
        lines.append("invocation: DescribeInvocations with the tasks' InvocationIds, 100 a call, each once")
      case .command:
        lines.append("command: DescribeCommands with the records' CommandIds, 100 a call, each once")
      case .external(let command):
        lines.append(
          "\(command.name): runs \(([command.executable] + command.arguments).joined(separator: " ")), records in as JSON Lines, \(command.emits.rawValue) out"
        )
      case .each(let options):
        lines.append("each: a shell command per record, \(options.parallel) at a time")
      case .rerun(let options):
        lines.append(
          "rerun: InvokeCommand per command, on the instances of the records it gets, 200 a call (changes things; not made by explain)"
            + (options.waits ? "; then waits for the new invocations" : ""))
      case .cancel:
        lines.append(
          "cancel: CancelInvocation per invocation of the records it gets (changes things; not made by explain)"
        )
      }
    }
    lines.append("output: \(output?.rawValue ?? "table on a terminal, JSON Lines otherwise")")
    return lines.map { $0 + "\n" }.joined()
  }

  private func call(_ action: String, idsName: String, ids: [String]?, filters: [Filter], wanted: Int?)
    -> String
  {
    var parameters: [String] = []
    var calls: String
    if let ids {
      parameters.append("\(idsName)=[\(ids.joined(separator: ", "))]")
      parameters.append("Limit=100")
      calls = "\((ids.count + 99) / 100) call\(ids.count > 100 ? "s" : ""), 100 ids a call"
    } else {
      if !filters.isEmpty {
        let text = filters.map { "\($0.name)=[\($0.values.joined(separator: ", "))]" }.joined(separator: " ")
        parameters.append("Filters: \(text)")
      }
      let requests = Plan.filterSets(splitting: filters).count
      if requests > 1 { parameters.append("split into \(requests) listings of at most 5 values, merged") }
      let limit = min(100, wanted ?? 100)
      parameters.append("Limit=\(limit)")
      calls =
        wanted.map { "stops after \($0) record\($0 == 1 ? "" : "s"): at least 1 call" }
        ?? "at least 1 call, then one a page of 100 until TotalCount"
    }
    return "\(action): \(parameters.joined(separator: ", ")) (\(calls))"
  }
}
