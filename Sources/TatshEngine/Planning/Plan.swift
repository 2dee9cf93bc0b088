import Foundation
import TATCore
import TatshLanguage

/// A pipeline ready to run: the API requests its source makes (with what was
/// pushed into them), the client-side steps after it, and the output format.
public struct Plan: Sendable {
  /// Where the records come from and what the API is asked.
  enum Source: Sendable {
    case invocations(ids: [String]?, filters: [Filter], wanted: Int?)
    case tasks(ids: [String]?, filters: [Filter], wanted: Int?)
    case commands(ids: [String]?, filters: [Filter], wanted: Int?)
    /// The records a `let` kept.
    case variable(String)
    /// `open FILE`.
    case file(String)
    /// `from json`: standard input, as it arrives.
    case standardInput

    /// Whether its records come when they come, not as fast as they are asked.
    var isLive: Bool {
      if case .standardInput = self { return true }
      return false
    }
    /// `run 'CMD' on ID…`: an invocation made and waited for.
    case run(RunOptions)
  }

  /// One client-side step.
  enum Step: Sendable {
    case filter(Condition)
    case tasks(prefilter: Condition?)
    case decode(paths: [[String]])
    case select([String])
    case reject([String])
    case sort([SortKey])
    case first(Int)
    case skip(Int)
    case last(Int)
    case uniq(String)
    case get(String)
    case group(key: String, aggregates: [GroupStream.Aggregate])
    case flatten(String)
    case invocation
    case command
    case count
    /// A plugin or a `^command`.
    case external(ExternalCommand)
    case each(EachStream.Options)
    case rerun(ChangeOptions)
    case cancel(ChangeOptions)
  }

  /// What steps that run other programs need: the environment and where their output goes.
  struct ExternalIO {
    var environment: [String: String]
    var output: any TextOutput
    var errors: any TextOutput
    /// `set dry-run on`.
    var isDryRun = false
    /// `set plugin-timeout D`, in seconds.
    var pluginTimeout: Int? = nil
    /// `set strict on`: ids asked for by name and not found fail the pipeline.
    var isStrict = false
    /// Asks the person at the terminal before a change on a backend that asks first; nil without one.
    var confirm: ((String) -> Bool)? = nil
    /// Where stages leave the status the pipeline ends with when none failed outright.
    var outcome = PipelineOutcome()
  }

  /// One key of `sort by`.
  struct SortKey: Sendable {
    var path: String
    var isDescending: Bool
  }

  struct Located<Item: Sendable>: Sendable {
    var item: Item
    var name: String
    var range: SourceRange
  }

  var source: Located<Source>
  var steps: [Located<Step>]
  /// The format the pipeline asked for, or nil for the default.
  public var output: OutputFormat?
  /// The file `save` writes, if the pipeline ends in one.
  public var destination: String?
  /// `Limit` of each listing request (`set page-size`).
  var pageSize = PagedSource.pageSize
  /// Whether the records reach the output; not when `each` ends the pipeline.
  var printsRecords: Bool {
    if output != nil { return true }
    if case .each = steps.last?.item { return false }
    return true
  }
  /// The shape of the records that reach the output, as planning knows it.
  var outputShape: RecordShape
  /// The kind of the records that reach the output, if known and not narrowed.
  public var outputKind: RecordKind? { outputShape.fields == nil ? outputShape.kind : nil }
  /// The top-level fields that reach the output, where a `select` or the like narrowed them.
  public var outputFields: [String]? { outputShape.fields }
  /// The pipeline's place in the program, for errors.
  public var range: SourceRange

  /// The stream of the pipeline's records, against `service`, with the records of `variables`.
  /// - Parameter progress: the live line that counts what the source hands on, if one is shown.
  func stream(
    using service: any TATService, variables: [String: [Record]] = [:], progress: ProgressLine? = nil,
    io: ExternalIO? = nil
  ) -> any RecordStream {
    let io =
      io
      ?? ExternalIO(
        environment: ProcessInfo.processInfo.environment, output: TextBuffer(), errors: TextBuffer())
    let stage = self.source.name
    let errors = io.errors
    let gate = ChangeGate(isDryRun: io.isDryRun, confirm: io.confirm, errors: io.errors)
    let isStrict = io.isStrict
    let outcome = io.outcome
    var source = sourceStream(using: service, variables: variables, gate: gate, progress: progress) {
      warning in
      // `set strict on`: a named id that is not there fails the pipeline.
      if isStrict, case .notFound = warning {
        errors.write("\(stage): error: \(warning)\n")
        outcome.end(with: ExitStatus.failure.rawValue)
      } else {
        errors.write("\(stage): warning: \(warning)\n")
      }
      errors.flush()
    }
    if let progress {
      (source as? PagedSource)?.reportTotal = { progress.total = $0 }
      source = ProgressTap(source, progress: progress)
    }
    var stream = LabeledStream(source, stage: self.source.name, range: self.source.range)
    for (index, step) in steps.enumerated() {
      let inner: any RecordStream
      switch step.item {
      case .filter(let condition): inner = FilterStream(stream, condition: condition)
      case .tasks(let prefilter): inner = TaskFanOut(stream, service: service, prefilter: prefilter)
      case .decode(let paths):
        inner = MapStream(stream, changing: { RecordTransforms.decode(&$0, paths: paths) })
      case .select(let paths): inner = MapStream(stream) { RecordTransforms.select($0, paths: paths) }
      case .reject(let names): inner = MapStream(stream) { RecordTransforms.reject($0, names: names) }
      case .sort(let keys): inner = SortStream(stream, keys: keys)
      case .first(let count): inner = FirstStream(stream, count: count)
      case .skip(let count): inner = SkipStream(stream, count: count)
      case .last(let count): inner = LastStream(stream, count: count)
      case .uniq(let path): inner = UniqueStream(stream, path: path)
      case .get(let path): inner = MapStream(stream) { RecordTransforms.get($0, path: path) }
      case .group(let key, let aggregates): inner = GroupStream(stream, key: key, aggregates: aggregates)
      case .flatten(let field): inner = FlattenStream(stream, field: field)
      case .invocation: inner = InvocationLookup(stream, service: service)
      case .command: inner = CommandJoin(stream, service: service)
      case .external(let command):
        // A final `^command`'s status is the pipeline's, as in a shell; elsewhere a failure is an error.
        let isFinalCommand = index == steps.count - 1 && command.name.hasPrefix("^")
        inner = ExternalStream(
          stream, command: command, environment: io.environment, errors: io.errors, timeout: io.pluginTimeout,
          outcome: isFinalCommand ? io.outcome : nil, upstreamIsLive: self.source.item.isLive)
      case .each(let options):
        inner = EachStream(
          stream, options: options, environment: io.environment, output: io.output, errors: io.errors,
          outcome: io.outcome)
      case .count: inner = CountStream(stream)
      case .rerun(let options):
        inner = RerunStream(stream, options: options, service: service, gate: gate, progress: progress)
      case .cancel(let options): inner = CancelStream(stream, options: options, service: service, gate: gate)
      }
      stream = LabeledStream(inner, stage: step.name, range: step.range)
    }
    return stream
  }

  private func sourceStream(
    using service: any TATService, variables: [String: [Record]], gate: ChangeGate, progress: ProgressLine?,
    warn: @escaping (SourceWarning) -> Void
  ) -> any RecordStream {
    switch source.item {
    case .variable(let name):
      return ArrayStream(variables[name] ?? [])
    case .standardInput:
      return StandardInputStream()
    case .run(let options):
      return RunSource(options, service: service, gate: gate, progress: progress)
    case .file(let path):
      do {
        // The text of each line is kept only for a plugin to be handed it unchanged.
        let feedsPlugin = steps.contains { if case .external = $0.item { true } else { false } }
        return try JSONFileSource(path: path, keepsText: feedsPlugin)
      } catch {
        return FailedStream(error)
      }
    case .invocations(let ids, let filters, let wanted):
      return Self.listingStream(
        filters: filters, ids: ids, wanted: wanted, idField: "InvocationId", pageSize: pageSize,
        warn: warn
      ) {
        ids, filters, page in
        let response = try await service.describeInvocations(
          DescribeInvocationsRequest(
            invocationIds: ids, filters: filters, limit: page.limit, offset: page.offset))
        return (response.totalCount, try response.invocationSet.map { try Record(encoding: $0) })
      }
    case .tasks(let ids, let filters, let wanted):
      return Self.listingStream(
        filters: filters, ids: ids, wanted: wanted, idField: "InvocationTaskId", pageSize: pageSize,
        warn: warn
      ) {
        ids, filters, page in
        let response = try await service.describeInvocationTasks(
          DescribeInvocationTasksRequest(
            invocationTaskIds: ids, filters: filters, limit: page.limit, offset: page.offset,
            hideOutput: false))
        return (response.totalCount, try response.invocationTaskSet.map { try Record(encoding: $0) })
      }
    case .commands(let ids, let filters, let wanted):
      return Self.listingStream(
        filters: filters, ids: ids, wanted: wanted, idField: "CommandId", pageSize: pageSize,
        warn: warn
      ) {
        ids, filters, page in
        let response = try await service.describeCommands(
          DescribeCommandsRequest(commandIds: ids, filters: filters, limit: page.limit, offset: page.offset))
        return (response.totalCount, try response.commandSet.map { try Record(encoding: $0) })
      }
    }
  }

  /// One API listing: the request for a page, given its ids (or nil) and filters (or nil).
  typealias Listing = @Sendable ([String]?, [Filter]?, PagedSource.Request) async throws -> (Int, [Record])

  /// A listing's stream; a filter with more values than the API takes is
  /// asked in several requests of five and their answers merged, newest
  /// first, without duplicates.
  private static func listingStream(
    filters: [Filter], ids: [String]?, wanted: Int?, idField: String, pageSize: Int,
    warn: @escaping (SourceWarning) -> Void, listing: @escaping Listing
  ) -> any RecordStream {
    let filterSets = Self.filterSets(splitting: filters)
    let streams = filterSets.map { filters in
      let source = PagedSource(
        ids: ids, wanted: filterSets.count == 1 ? wanted : nil, limit: pageSize, idField: idField
      ) { page in
        try await listing(page.ids, page.ids == nil && !filters.isEmpty ? filters : nil, page)
      }
      source.warn = warn
      return source as any RecordStream
    }
    return streams.count == 1 ? streams[0] : MergedSource(streams, idField: idField, wanted: wanted)
  }

  /// The filter sets to ask: one, or one per group of five values of the filter that has more.
  static func filterSets(splitting filters: [Filter]) -> [[Filter]] {
    guard let index = filters.firstIndex(where: { $0.values.count > APILimits.filterValues }) else {
      return [filters]
    }
    let values = filters[index].values
    return stride(from: 0, to: values.count, by: APILimits.filterValues).map { start in
      var set = filters
      set[index].values = Array(values[start..<min(start + APILimits.filterValues, values.count)])
      return set
    }
  }
}
