import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// `each [--parallel N] [--keep-going] [--timeout D] 'CMD'`: runs CMD with
/// `/bin/sh -c` once per record — the record as JSON on its stdin, its
/// top-level values in `TATSH_<Field>`, `{{Field}}` filled in shell-quoted —
/// and passes the records on unchanged. The output of each command is
/// printed together when it ends. At the end it says how many ran,
/// succeeded and failed.
final class EachStream: RecordStream {
  struct Options: Sendable {
    var parallel = 1
    var keepsGoing = false
    var timeout: Int?
    var template: ShellTemplate
  }

  private let upstream: any RecordStream
  private let options: Options
  private let environment: [String: String]
  private let output: any TextOutput
  private let errors: any TextOutput
  private var ran = 0
  private var failed = 0
  private var isDone = false

  init(
    _ upstream: any RecordStream, options: Options, environment: [String: String], output: any TextOutput,
    errors: any TextOutput
  ) {
    self.upstream = upstream
    self.options = options
    self.environment = environment
    self.output = output
    self.errors = errors
  }

  func nextPage() async throws -> [Record]? {
    guard !isDone else { return nil }
    guard let page = try await upstream.nextPage() else {
      isDone = true
      errors.write("each: \(ran) ran, \(ran - failed) succeeded, \(failed) failed\n")
      errors.flush()
      return nil
    }
    try await run(page)
    return page
  }

  /// One command while it runs: its process, what it printed, when it must end.
  private final class Running {
    let record: Record
    let child: ChildProcess
    let deadline: Date?
    var stdout: [UInt8] = []
    var stderr: [UInt8] = []
    var outputIsClosed = false
    var errorsAreClosed = false
    var timedOut = false

    init(record: Record, child: ChildProcess, deadline: Date?) {
      self.record = record
      self.child = child
      self.deadline = deadline
    }
  }

  private func run(_ records: [Record]) async throws {
    var waiting = records[...]
    var running: [Running] = []
    defer { running.forEach { $0.child.terminate() } }
    while !waiting.isEmpty || !running.isEmpty {
      if Task.isCancelled { throw CancellationError() }
      while running.count < options.parallel, let record = waiting.popFirst() {
        running.append(try start(record))
      }
      poll(running)
      var stillRunning: [Running] = []
      for command in running {
        if let deadline = command.deadline, Date() > deadline, !command.timedOut {
          command.timedOut = true
          command.child.terminate()
        }
        guard command.outputIsClosed, command.errorsAreClosed else {
          stillRunning.append(command)
          continue
        }
        try finish(command)
      }
      running = stillRunning
      await Task.yield()
    }
  }

  private func start(_ record: Record) throws -> Running {
    var environment = self.environment
    for field in record.fields {
      switch field.value {
      case .array, .object, .null: continue
      default: environment["TATSH_\(field.name)"] = field.value.text.replacingOccurrences(of: "\0", with: "")
      }
    }
    let child = try ChildProcess(
      executable: "/bin/sh", arguments: ["-c", options.template.command(for: record)],
      environment: environment)
    var input = Array((JSONWriter.compact(.object(record)) + "\n").utf8)
    while !input.isEmpty {
      let written = input.withUnsafeBytes { write(child.input, $0.baseAddress, $0.count) }
      // A command that does not read its stdin is welcome not to.
      guard written > 0 else { break }
      input.removeFirst(written)
    }
    child.closeInput()
    return Running(
      record: record, child: child,
      deadline: options.timeout.map { Date().addingTimeInterval(TimeInterval($0)) })
  }

  private func poll(_ running: [Running]) {
    var descriptors: [pollfd] = []
    for command in running {
      if !command.outputIsClosed {
        descriptors.append(pollfd(fd: command.child.output, events: Int16(POLLIN), revents: 0))
      }
      if !command.errorsAreClosed {
        descriptors.append(pollfd(fd: command.child.errors, events: Int16(POLLIN), revents: 0))
      }
    }
    guard !descriptors.isEmpty else { return }
    _ = Glibc.poll(&descriptors, nfds_t(descriptors.count), 50)
    for command in running {
      if !command.outputIsClosed,
        !ChildProcess.readAvailable(from: command.child.output, into: &command.stdout)
      {
        command.outputIsClosed = true
      }
      if !command.errorsAreClosed,
        !ChildProcess.readAvailable(from: command.child.errors, into: &command.stderr)
      {
        command.errorsAreClosed = true
      }
    }
  }

  private func finish(_ command: Running) throws {
    let status = command.child.waitForExit()
    ran += 1
    output.write(String(decoding: command.stdout, as: UTF8.self))
    output.flush()
    errors.write(String(decoding: command.stderr, as: UTF8.self))
    errors.flush()
    guard status != 0 || command.timedOut else { return }
    failed += 1
    let id = ["InvocationTaskId", "InvocationId", "CommandId"].lazy.compactMap {
      command.record[$0]?.stringValue
    }.first
    let reason =
      command.timedOut ? "timed out after \(options.timeout ?? 0)s" : "exited with status \(status)"
    let message = "each: the command for \(id ?? "a record") \(reason)"
    if options.keepsGoing {
      errors.write(message + "\n")
      errors.flush()
    } else {
      throw ExternalFailure(message: message)
    }
  }
}
