import Foundation
import TATCore

extension Session {
  /// Runs a pipeline and prints its records: to a file for `save`, through
  /// the pager when a table is longer than the screen, with a progress line
  /// on a terminal and the time taken with `set timing on`.
  func runPipeline(_ plan: Plan) async throws {
    let io = externalIO
    try await runPipeline(plan, io: io)
    if let status = io.outcome.status { throw QuietFailure(status: status) }
  }

  private func runPipeline(_ plan: Plan, io: Plan.ExternalIO) async throws {
    var plan = plan
    plan.pageSize = settings.pageSize
    let started = Date()
    let requestsBefore = meter.requests
    let wireBefore = meter.wire?.current
    defer { reportTiming(since: started, requestsBefore: requestsBefore, wireBefore: wireBefore) }
    let progress = terminal.showsProgress ? ProgressLine(output: errors, meter: meter) : nil
    defer { progress?.finish() }
    let stream = MapStream(
      plan.stream(using: meter, variables: variables.mapValues(\.records), progress: progress, io: io)
    ) { [unowned self] (record: inout Record) in rememberIds(in: record) }
    if !plan.printsRecords {
      while try await stream.nextPage() != nil {}
      return
    }
    if let destination = plan.destination, let format = plan.output {
      let file = try AtomicFile(path: destination)
      do {
        try await RecordPrinter(
          format: format, kind: plan.outputKind, fields: plan.outputFields, renamed: plan.outputShape.renamed,
          width: nil,
          timeZoneOffset: settings.timeZoneOffset
        ).print(stream, to: file)
        // A pipeline that ends failed (`set strict on` and an id not found) leaves no file.
        if io.outcome.status != nil {
          file.discard()
          errors.write("save: \(destination) not written: the pipeline failed\n")
          return
        }
        try file.commit()
      } catch {
        file.discard()
        throw error
      }
    } else {
      let format = plan.output ?? settings.format ?? (terminal.isInteractive ? .table : .jsonl)
      let printer = RecordPrinter(
        format: format, kind: plan.outputKind, fields: plan.outputFields, renamed: plan.outputShape.renamed,
        width: terminal.width,
        timeZoneOffset: settings.timeZoneOffset,
        colorsStatuses: settings.color ?? terminal.allowsColor)
      if let height = terminal.height, settings.pages, ![.jsonl, .text].contains(format) {
        let page = TextBuffer()
        try await printer.print(stream, to: page)
        progress?.finish()
        let lines = page.text.reduce(0) { $1 == "\n" ? $0 + 1 : $0 }
        if lines < height - 1 || !Pager.show(page.text, environment: terminal.environment) {
          output.write(page.text)
          output.flush()
        }
      } else {
        try await printer.print(stream, to: output)
      }
    }
    progress?.finish()
  }

  /// `set timing on`: the time a pipeline took and its requests, also when it failed.
  private func reportTiming(since started: Date, requestsBefore: Int, wireBefore: WireTally.Counts?) {
    guard settings.timing else { return }
    let requests = meter.requests - requestsBefore
    var line = String(
      format: "(%.3f s, %d request%@", Date().timeIntervalSince(started), requests, requests == 1 ? "" : "s")
    if let wireBefore, let now = meter.wire?.current {
      // What the wire saw beside the calls: retries, and refusals for being over the limit.
      let wire = now - wireBefore
      line += "; \(wire.sent) sent, \(max(0, wire.sent - requests)) retried, \(wire.throttled) throttled"
    }
    errors.write(line + ")\n")
    errors.flush()
  }

  /// `watch`: runs the pipeline again every `interval` seconds, redrawing
  /// in place on a terminal, until it is cancelled.
  func watch(_ plan: Plan, every interval: Int) async throws {
    var plan = plan
    plan.destination = nil
    let clock = ContinuousClock()
    while true {
      let started = clock.now
      let page = TextBuffer()
      let printer = RecordPrinter(
        format: plan.output ?? settings.format ?? (terminal.isInteractive ? .table : .jsonl),
        kind: plan.outputKind, fields: plan.outputFields, renamed: plan.outputShape.renamed,
        width: terminal.width, timeZoneOffset: settings.timeZoneOffset,
        colorsStatuses: settings.color ?? terminal.allowsColor)
      var failed = ""
      do {
        try await printer.print(
          plan.stream(using: meter, variables: variables.mapValues(\.records), io: externalIO), to: page)
      } catch let failure as StageFailure where !(failure.underlying is CancellationError) {
        // One failed refresh (the network, the API) is shown, and the next one is tried.
        failed = " · this refresh failed: \(failure.diagnostic.message)"
      }
      let now = APITimestamp.string(
        fromEpochSeconds: Int(Date().timeIntervalSince1970), offset: settings.timeZoneOffset ?? 0)
      let clear = terminal.isInteractive ? "\u{1B}[H\u{1B}[2J" : ""
      let took = clock.now - started
      let seconds = Double(took.components.seconds) + Double(took.components.attoseconds) / 1e18
      // A refresh slower than the interval is said, not hidden: the next one starts at once.
      let late =
        seconds > Double(interval)
        ? String(format: " · this refresh took %.1f s, longer than the interval", seconds) : ""
      let header = "every \(interval)s · \(now)\(late)\(failed) · Ctrl-C stops\n"
      if terminal.isInteractive {
        output.write(clear + header + "\n" + page.text)
      } else {
        // Off a terminal the records stay machine-readable; the header goes to stderr.
        errors.write(header)
        errors.flush()
        output.write(page.text)
      }
      output.flush()
      try await clock.sleep(until: started + .seconds(interval))
    }
  }
}
