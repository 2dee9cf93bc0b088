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
          format: format, kind: plan.outputKind, fields: plan.outputFields, width: nil,
          timeZoneOffset: settings.timeZoneOffset
        ).print(stream, to: file)
        try file.commit()
      } catch {
        file.discard()
        throw error
      }
    } else {
      let format = plan.output ?? settings.format ?? (terminal.isInteractive ? .table : .jsonl)
      let printer = RecordPrinter(
        format: format, kind: plan.outputKind, fields: plan.outputFields, width: terminal.width,
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
    if settings.timing {
      let requests = meter.requests - requestsBefore
      errors.write(
        String(
          format: "(%.3f s, %d request%@)\n", Date().timeIntervalSince(started), requests,
          requests == 1 ? "" : "s"))
      errors.flush()
    }
  }

  /// `watch`: runs the pipeline again every `interval` seconds, redrawing
  /// in place on a terminal, until it is cancelled.
  func watch(_ plan: Plan, every interval: Int) async throws {
    var plan = plan
    plan.destination = nil
    while true {
      let page = TextBuffer()
      let printer = RecordPrinter(
        format: plan.output ?? settings.format ?? (terminal.isInteractive ? .table : .jsonl),
        kind: plan.outputKind, fields: plan.outputFields,
        width: terminal.width, timeZoneOffset: settings.timeZoneOffset,
        colorsStatuses: settings.color ?? terminal.allowsColor)
      try await printer.print(
        plan.stream(using: meter, variables: variables.mapValues(\.records), io: externalIO), to: page)
      let now = APITimestamp.string(
        fromEpochSeconds: Int(Date().timeIntervalSince1970), offset: settings.timeZoneOffset ?? 0)
      let clear = terminal.isInteractive ? "\u{1B}[H\u{1B}[2J" : ""
      output.write(clear + "every \(interval)s · \(now) · Ctrl-C stops\n\n" + page.text)
      output.flush()
      try await Task.sleep(nanoseconds: UInt64(interval) * 1_000_000_000)
    }
  }
}
