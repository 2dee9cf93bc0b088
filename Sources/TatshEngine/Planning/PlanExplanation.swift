import TATCore

extension Plan {
  /// What `explain` prints: each API call with its parameters, the fewest
  /// calls it can take, and what is decided client-side.
  public var explanation: String {
    var lines: [String] = []
    switch source.item {
    case .listing(let kind, let ids, let filters, let wanted):
      lines.append(call(kind.listing, ids: ids, filters: filters, wanted: wanted))
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
    lines += steps.map(\.item.explanation)
    lines.append("output: \(output?.rawValue ?? "table on a terminal, JSON Lines otherwise")")
    return lines.map { $0 + "\n" }.joined()
  }

  private func call(_ listing: Listing, ids: [String]?, filters: [Filter], wanted: Int?) -> String {
    var parameters: [String] = []
    var calls: String
    if let ids, let idsParameter = listing.idsParameter {
      parameters.append("\(idsParameter)=[\(ids.joined(separator: ", "))]")
      parameters.append("Limit=\(listing.idsNameMany ? min(100, wanted ?? 100) : 100)")
      let batches = (ids.count + 99) / 100
      calls =
        listing.idsNameMany
        ? "at least \(batches) call\(batches == 1 ? "" : "s"), 100 ids a call, then one a page of 100 until each call's TotalCount"
        : "\(batches) call\(ids.count > 100 ? "s" : ""), 100 ids a call"
    } else if !listing.pages {
      calls = "1 call, every record at once"
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
    let explained = listing.explained.map { ", \($0)" } ?? ""
    let listed = parameters.isEmpty ? "" : ": " + parameters.joined(separator: ", ")
    return "\(listing.action)\(listed) (\(calls))\(explained)"
  }
}
