import Foundation
import TATCore
import TatshLanguage

/// A pipeline ready to run: the API requests its source makes (with what was
/// pushed into them), the client-side steps after it, and the output format.
public struct Plan: Sendable {
  /// Where the records come from and what the API is asked.
  enum Source: Sendable {
    /// An API listing of records of `kind`, with what was pushed into its requests.
    case listing(RecordKind, ids: [String]?, filters: [Filter], wanted: Int?)
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

  /// One client-side step; optimisations match on its concrete type.
  typealias Step = any PlanStep

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
    if steps.last?.item is EachStep { return false }
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

  init(source: Located<Source>, draft: PipelineDraft, range: SourceRange) {
    self.source = source
    steps = draft.steps
    output = draft.output?.format
    destination = draft.output?.destination
    outputShape = draft.shape
    self.range = range
  }

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
      let context = StepContext(
        service: service, io: io, gate: gate, progress: progress, isLast: index == steps.count - 1,
        sourceIsLive: self.source.item.isLive)
      stream = LabeledStream(step.item.stream(stream, in: context), stage: step.name, range: step.range)
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
        let feedsPlugin = steps.contains { $0.item is ExternalStep }
        return try JSONFileSource(path: path, keepsText: feedsPlugin)
      } catch {
        return FailedStream(error)
      }
    case .listing(let kind, let ids?, _, let wanted) where kind.listing.idsNameMany:
      let listing = GroupedListing(
        kind, service: service, pageSize: pageSize, wanted: wanted, batches: GroupedListing.batches(of: ids))
      listing.warn = warn
      return listing
    case .listing(let kind, let ids, let filters, let wanted):
      return Self.listingStream(
        filters: filters, ids: ids, wanted: wanted, kind: kind, pageSize: pageSize, warn: warn
      ) { ids, filters, page in
        try await kind.listing.fetch(service, ids, filters, page)
      }
    }
  }

  /// One API listing: the request for a page, given its ids (or nil) and filters (or nil).
  typealias PageRequest =
    @Sendable ([String]?, [Filter]?, PagedSource.Request) async throws -> (Int, [Record])

  /// A listing's stream; a filter with more values than the API takes is
  /// asked in several requests of five and their answers merged, newest
  /// first, without duplicates.
  private static func listingStream(
    filters: [Filter], ids: [String]?, wanted: Int?, kind: RecordKind, pageSize: Int,
    warn: @escaping (SourceWarning) -> Void, listing: @escaping PageRequest
  ) -> any RecordStream {
    let filterSets = Self.filterSets(splitting: filters)
    let streams = filterSets.map { filters in
      let source = PagedSource(
        ids: ids, wanted: filterSets.count == 1 ? wanted : nil, limit: pageSize, idField: kind.idField,
        key: { kind.key(of: $0) }
      ) { page in
        try await listing(page.ids, page.ids == nil && !filters.isEmpty ? filters : nil, page)
      }
      source.warn = warn
      return source as any RecordStream
    }
    return streams.count == 1 ? streams[0] : MergedSource(streams, idField: kind.idField, wanted: wanted)
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
