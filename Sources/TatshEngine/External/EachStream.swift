import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// `each [--parallel N] [--keep-going] [--timeout D] 'CMD'`: runs CMD with
/// `/bin/sh -c` once per record — the record as JSON on its stdin, its
/// top-level values in `TATSH_<Field>` (for names the shell takes, values
/// up to 64 KB without a NUL), each `{{Field}}` a reference to a variable
/// holding the value (`ShellTemplate`) — and passes the records on
/// unchanged. The output of each command is printed together when it
/// ends. At the end it says how many ran, succeeded and failed.
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
  /// How many records have had their command started (or refused).
  private var recordsStarted = 0
  private var isDone = false

  private let outcome: PipelineOutcome

  init(
    _ upstream: any RecordStream, options: Options, environment: [String: String], output: any TextOutput,
    errors: any TextOutput, outcome: PipelineOutcome = PipelineOutcome()
  ) {
    self.outcome = outcome
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
      // With --keep-going every record went on, and the failures still fail the pipeline.
      if failed > 0 { outcome.end(with: 1) }
      return nil
    }
    try await run(page)
    return page
  }

  /// One command while it runs: its process, what it printed, when it must end.
  private final class Running {
    let record: Record
    /// Its place among the records, from 1.
    let number: Int
    let child: ChildProcess
    let deadline: Date?
    var stdout: [UInt8] = []
    var stderr: [UInt8] = []
    var outputIsClosed = false
    var errorsAreClosed = false
    var timedOut = false
    /// The record as JSON, for its stdin, and how much of it the command has taken.
    var input: [UInt8]
    var inputWritten = 0

    init(record: Record, number: Int, child: ChildProcess, input: [UInt8], deadline: Date?) {
      self.record = record
      self.number = number
      self.child = child
      self.input = input
      self.deadline = deadline
    }

    /// Writes what the command will take of its input now; closes its stdin
    /// when all is written, or when it stopped reading (it is welcome not to read).
    func feed() {
      guard child.input >= 0 else { return }
      while inputWritten < input.count {
        let written = input[inputWritten...].withUnsafeBytes { write(child.input, $0.baseAddress, $0.count) }
        if written > 0 {
          inputWritten += written
        } else if written < 0, errno == EAGAIN || errno == EINTR {
          return
        } else {
          break  // EPIPE: the command does not read its stdin.
        }
      }
      child.closeInput()
    }
  }

  /// Values longer than this stay out of `TATSH_<Field>`: the system refuses
  /// a single environment string over 128 KB. They are on stdin in full.
  static let environmentValueLimit = 64 * 1024
  /// Output a command has printed is passed on once it grows past this, even before it ends.
  static let outputHoldLimit = 1024 * 1024

  private func run(_ records: [Record]) async throws {
    var waiting = records[...]
    var running: [Running] = []
    defer { running.forEach { $0.child.terminate() } }
    while !waiting.isEmpty || !running.isEmpty {
      if Task.isCancelled { throw CancellationError() }
      while running.count < options.parallel, let record = waiting.popFirst() {
        if let command = try start(record) { running.append(command) }
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

  /// Starts the command for `record`; nil when its values cannot be given
  /// to it, which fails the record.
  private func start(_ record: Record) throws -> Running? {
    var environment = self.environment
    recordsStarted += 1
    let number = recordsStarted
    for field in record.fields {
      // Objects, lists and null as JSON; the rest as their text.
      let value: String =
        switch field.value {
        case .array, .object, .null: ValueJSON.compact(field.value)
        default: field.value.text
        }
      guard value.utf8.count <= Self.environmentValueLimit, !value.utf8.contains(0),
        Self.isShellName(field.name)
      else { continue }
      environment["TATSH_\(field.name)"] = value
    }
    let failure = "each: the command for \(Self.name(of: record, number: number)) was not run:"
    do {
      environment.merge(try options.template.environment(for: record)) { $1 }
    } catch .holdsNul(let written) {
      try failBeforeRunning(
        "\(failure) \(written) holds a NUL byte, which no environment variable can hold; read it from stdin, where the record is as JSON"
      )
      return nil
    } catch .tooLong(let written, let bytes) {
      try failBeforeRunning(
        "\(failure) \(written) is \(bytes / 1024) KB, more than the system passes in one variable (128 KB); read long values from stdin, where the record is as JSON"
      )
      return nil
    }
    let child: ChildProcess
    do {
      child = try ChildProcess(
        executable: "/bin/sh", arguments: ["-c", options.template.script], environment: environment)
    } catch POSIXError.E2BIG {
      try failBeforeRunning(
        "\(failure) the command, its values and the environment are more than the system takes at once; read long values from stdin, where the record is as JSON"
      )
      return nil
    }
    let running = Running(
      record: record, number: number, child: child,
      input: Array((ValueJSON.compact(.object(record)) + "\n").utf8),
      deadline: options.timeout.map { Date().addingTimeInterval(TimeInterval($0)) })
    running.feed()
    return running
  }

  /// A command that cannot start counts as one that ran and failed.
  private func failBeforeRunning(_ message: String) throws {
    ran += 1
    try fail(message)
  }

  /// Counts a failed command; says so and goes on with `--keep-going`,
  /// else ends `each` with `message`.
  private func fail(_ message: String) throws {
    failed += 1
    guard options.keepsGoing else { throw ExternalFailure(message: message) }
    errors.write(message + "\n")
    errors.flush()
  }

  /// Whether `name` can follow `TATSH_` in a variable the shell sees: letters, digits and `_`.
  private static func isShellName(_ name: String) -> Bool {
    !name.isEmpty
      && name.utf8.allSatisfy {
        $0 == 0x5F || (0x30...0x39).contains($0) || (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0)
      }
  }

  /// How messages name a record: its task, invocation or command id, an
  /// instance, or else its place among the records (`record 3`).
  private static func name(of record: Record, number: Int) -> String {
    ["InvocationTaskId", "InvocationId", "CommandId", "InstanceId", "id"].lazy.compactMap {
      record[$0]?.stringValue
    }.first ?? "record \(number)"
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
      if command.child.input >= 0 {
        descriptors.append(pollfd(fd: command.child.input, events: Int16(POLLOUT), revents: 0))
      }
    }
    guard !descriptors.isEmpty else { return }
    _ = Glibc.poll(&descriptors, nfds_t(descriptors.count), 50)
    for command in running {
      command.feed()
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
      if command.stdout.count > Self.outputHoldLimit { passOn(&command.stdout, to: output) }
      if command.stderr.count > Self.outputHoldLimit { passOn(&command.stderr, to: errors) }
    }
  }

  /// Writes what the command printed so far, keeping back a character cut
  /// in two by the pipe, so that it is not written as two broken halves.
  private func passOn(_ bytes: inout [UInt8], to destination: any TextOutput) {
    let whole = Self.lengthOfWholeCharacters(in: bytes)
    destination.write(String(decoding: bytes[..<whole], as: UTF8.self))
    destination.flush()
    bytes.removeSubrange(..<whole)
  }

  /// The length of `bytes` without a UTF-8 sequence that is cut short at its end.
  static func lengthOfWholeCharacters(in bytes: [UInt8]) -> Int {
    var start = bytes.count
    // A sequence is at most 4 bytes: look back past at most 3 continuation bytes.
    while start > max(0, bytes.count - 4) {
      start -= 1
      let byte = bytes[start]
      guard byte & 0xC0 == 0x80 else {
        let length = byte < 0x80 ? 1 : byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1
        return bytes.count - start < length ? start : bytes.count
      }
    }
    return bytes.count
  }

  private func finish(_ command: Running) throws {
    let status = command.child.waitForExit()
    ran += 1
    output.write(String(decoding: command.stdout, as: UTF8.self))
    output.flush()
    errors.write(String(decoding: command.stderr, as: UTF8.self))
    errors.flush()
    guard status != 0 || command.timedOut else { return }
    let reason =
      command.timedOut ? "timed out after \(options.timeout ?? 0)s" : "exited with status \(status)"
    try fail("each: the command for \(Self.name(of: command.record, number: command.number)) \(reason)")
  }
}
