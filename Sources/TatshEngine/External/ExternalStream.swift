import Foundation
import Synchronization
import TatshLanguage

#if canImport(Glibc)
  import Glibc
#endif

/// Records through an external program: the upstream records go to its
/// stdin as JSON Lines while its stdout is read back — records, or lines of
/// text — in the same loop, so neither side can block the other whatever
/// the volume. Its stderr passes through. A non-zero exit, a crash or a
/// malformed line fails the stage with the program's name, the line number
/// and the end of its stderr.
final class ExternalStream: RecordStream {
  private let upstream: any RecordStream
  private let command: ExternalCommand
  private let environment: [String: String]
  private let errors: any TextOutput
  private let timeout: Int?
  private var deadline: Date?
  private var child: ChildProcess?
  private var pendingInput: [UInt8] = []
  /// How much of `pendingInput` the program has taken.
  private var inputWritten = 0
  private var upstreamIsDone = false
  private var outputBuffer: [UInt8] = []
  /// How far `outputBuffer` is known to hold no newline.
  private var outputScanned = 0
  private var outputIsClosed = false
  private var errorsAreClosed = false
  private var errorTail: [UInt8] = []
  private var ready: [Record] = []
  private var lineNumber = 0
  private var keys = JSONReader.KeyCache()
  private var isFinished = false

  private static let errorTailSize = 2_048
  /// The longest line a program may write: far more than any API record
  /// (a request body is at most 10 MB), and a bound on what one line costs.
  static let maximumLineLength = 16 * 1024 * 1024
  private static let pageSize = 1_000

  /// Where a final `^command` leaves its status, instead of failing the stage.
  private let outcome: PipelineOutcome?

  init(
    _ upstream: any RecordStream, command: ExternalCommand, environment: [String: String],
    errors: any TextOutput, timeout: Int? = nil, outcome: PipelineOutcome? = nil, upstreamIsLive: Bool = false
  ) {
    self.upstreamIsLive = upstreamIsLive
    self.outcome = outcome
    self.upstream = upstream
    self.command = command
    self.environment = environment
    self.errors = errors
    self.timeout = timeout
  }

  /// Whether upstream's records come when they come (standard input), not as fast as they are asked.
  private let upstreamIsLive: Bool
  /// The page being asked of upstream, and whether it has come.
  private var upstreamPage: Task<[Record]?, any Error>?
  private lazy var upstreamArrived = ArrivalSignal()

  deinit {
    upstreamPage?.cancel()
    child?.terminate()
  }

  func nextPage() async throws -> [Record]? {
    guard !isFinished else { return nil }
    let child = try started()
    while true {
      if Task.isCancelled {
        upstreamPage?.cancel()
        child.terminate()
        throw CancellationError()
      }
      if let deadline, Date() > deadline {
        isFinished = true
        child.terminate()
        throw failure("timed out after \(timeout ?? 0)s (set plugin-timeout)")
      }
      if ready.count >= Self.pageSize || (outputIsClosed && !ready.isEmpty) {
        defer { ready = [] }
        return ready
      }
      if outputIsClosed, errorsAreClosed {
        isFinished = true
        let status = child.waitForExit()
        if let outcome, status != 0, status < 128 {
          outcome.end(with: status)
          return nil
        }
        guard status == 0 else {
          throw failure(status > 128 ? "crashed (signal \(status - 128))" : "exited with status \(status)")
        }
        return nil
      }
      if child.input >= 0, inputWritten == pendingInput.count, !upstreamIsDone, !upstreamIsLive {
        pendingInput.removeAll(keepingCapacity: true)
        inputWritten = 0
        if let page = try await upstream.nextPage() {
          append(page)
        } else {
          upstreamIsDone = true
          child.closeInput()
        }
      } else if child.input >= 0, inputWritten == pendingInput.count, !upstreamIsDone {
        // Live input (`tail -f … | tatsh -c 'from json | …'`): the next page is
        // asked in a task of its own, and taken once it has come; meanwhile
        // the program's output for what it already has is read and handed on.
        if upstreamPage == nil {
          let upstream = UncheckedStream(self.upstream)
          let arrived = self.upstreamArrived
          arrived.reset()
          upstreamPage = Task {
            defer { arrived.set() }
            return try await upstream.stream.nextPage()
          }
        }
        if let asked = upstreamPage, upstreamArrived.isSet {
          upstreamPage = nil
          pendingInput.removeAll(keepingCapacity: true)
          inputWritten = 0
          if let page = try await asked.value {
            append(page)
          } else {
            upstreamIsDone = true
            child.closeInput()
          }
        }
      }
      try exchange(with: child)
      if !ready.isEmpty, ready.count < Self.pageSize, !outputIsClosed { return takeReady() }
    }
  }

  /// Queues `page` for the program's stdin, as JSON Lines.
  private func append(_ page: [Record]) {
    for record in page {
      if let original = record.originalJSON {
        pendingInput += original
        pendingInput.append(0x0A)
      } else {
        pendingInput += (ValueJSON.compact(.object(record)) + "\n").utf8
      }
    }
  }

  private func takeReady() -> [Record] {
    defer { ready = [] }
    return ready
  }

  private func started() throws -> ChildProcess {
    if let child { return child }
    do {
      let child = try ChildProcess(
        executable: command.executable, arguments: command.arguments, environment: environment)
      self.child = child
      deadline = timeout.map { Date().addingTimeInterval(TimeInterval($0)) }
      return child
    } catch {
      throw ExternalFailure(message: "\(command.name): cannot start \(command.executable): \(error)")
    }
  }

  /// One round: waits (briefly) until a pipe is ready, then writes and reads what it can.
  private func exchange(with child: ChildProcess) throws {
    var descriptors: [pollfd] = []
    if !outputIsClosed { descriptors.append(pollfd(fd: child.output, events: Int16(POLLIN), revents: 0)) }
    if !errorsAreClosed { descriptors.append(pollfd(fd: child.errors, events: Int16(POLLIN), revents: 0)) }
    if child.input >= 0, inputWritten < pendingInput.count {
      descriptors.append(pollfd(fd: child.input, events: Int16(POLLOUT), revents: 0))
    }
    // A page come from upstream wakes the wait too.
    if upstreamPage != nil {
      descriptors.append(pollfd(fd: upstreamArrived.readEnd, events: Int16(POLLIN), revents: 0))
    }
    guard !descriptors.isEmpty else { return }
    _ = poll(&descriptors, nfds_t(descriptors.count), 50)
    for descriptor in descriptors where descriptor.revents != 0 {
      if upstreamPage != nil, descriptor.fd == upstreamArrived.readEnd { continue }
      if descriptor.fd == child.input {
        write(to: child)
      } else if descriptor.fd == child.output {
        if !ChildProcess.readAvailable(from: child.output, into: &outputBuffer) { outputIsClosed = true }
        try parseLines()
      } else {
        var chunk: [UInt8] = []
        if !ChildProcess.readAvailable(from: child.errors, into: &chunk) { errorsAreClosed = true }
        if !chunk.isEmpty {
          errors.write(String(decoding: chunk, as: UTF8.self))
          errors.flush()
          errorTail = Array((errorTail + chunk).suffix(Self.errorTailSize))
        }
      }
    }
  }

  private func write(to child: ChildProcess) {
    let written = pendingInput[inputWritten...].withUnsafeBytes {
      Glibc.write(child.input, $0.baseAddress, $0.count)
    }
    if written > 0 {
      inputWritten += written
    } else if written < 0, errno != EAGAIN, errno != EINTR {
      // The program stopped reading (EPIPE): it has all it wants.
      pendingInput = []
      inputWritten = 0
      upstreamIsDone = true
      child.closeInput()
    }
  }

  private func parseLines() throws {
    var start = 0
    while let newline = outputBuffer[max(start, outputScanned)...].firstIndex(of: 0x0A) {
      try take(outputBuffer[start..<newline])
      start = newline + 1
    }
    outputBuffer.removeFirst(start)
    outputScanned = outputBuffer.count
    guard outputBuffer.count <= Self.maximumLineLength else {
      child?.terminate()
      throw failure(
        "wrote a line longer than \(Self.maximumLineLength / 1024 / 1024) MB at line \(lineNumber + 1) of its output"
      )
    }
    if outputIsClosed, !outputBuffer.isEmpty {
      try take(outputBuffer[...])
      outputBuffer = []
    }
  }

  private func take(_ line: ArraySlice<UInt8>) throws {
    lineNumber += 1
    switch command.emits {
    case .text:
      ready.append(Record([Record.Field("line", .string(String(decoding: line, as: UTF8.self)))]))
    case .records:
      if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { return }
      guard case .object(let record) = try? JSONReader.value(from: line, keys: &keys) else {
        child?.terminate()
        let text = String(decoding: line.prefix(80), as: UTF8.self)
        throw failure("wrote a line that is not a JSON object at line \(lineNumber) of its output: \(text)")
      }
      ready.append(record)
    }
  }

  private func failure(_ what: String) -> ExternalFailure {
    let tail = String(decoding: errorTail, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    // A plugin's own error: its last line on stderr, `{"error": "…", "argument": N}`.
    if let last = tail.split(separator: "\n").last,
      case .object(let record)? = try? JSONReader.value(from: Array(last.utf8)),
      let message = record["error"]?.stringValue
    {
      let argument = record["argument"]?.numberValue.map(Int.init)
      let range = argument.flatMap {
        $0 >= 1 && $0 <= command.argumentRanges.count ? command.argumentRanges[$0 - 1] : nil
      }
      return ExternalFailure(message: "\(command.name): \(message)", range: range)
    }
    return ExternalFailure(
      message: "\(command.name) \(what)" + (tail.isEmpty ? "" : "; its stderr ended: \(tail)"))
  }
}

/// An external program that failed its stage.
struct ExternalFailure: Error, CustomStringConvertible {
  var message: String
  /// Where in the program the failure points, when the program said (an argument).
  var range: SourceRange? = nil
  var description: String { message }
}

/// A stream handed to the one task that reads it while its owner waits:
/// the owner does not touch it until that task has ended.
private struct UncheckedStream: @unchecked Sendable {
  let stream: any RecordStream
  init(_ stream: any RecordStream) { self.stream = stream }
}

/// That a page has come from upstream, set by the task that asked for it:
/// a flag, and a pipe that wakes the `poll` the owner waits in.
private final class ArrivalSignal: Sendable {
  private let value = Mutex(false)
  /// The end the owner polls, and the end the task writes a byte to.
  let readEnd: Int32
  private let writeEnd: Int32

  init() {
    var ends: [Int32] = [-1, -1]
    _ = pipe(&ends)
    for end in ends {
      _ = fcntl(end, F_SETFD, FD_CLOEXEC)
      _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK)
    }
    readEnd = ends[0]
    writeEnd = ends[1]
  }

  deinit {
    close(readEnd)
    close(writeEnd)
  }

  var isSet: Bool { value.withLock { $0 } }

  func set() {
    value.withLock { $0 = true }
    var byte: UInt8 = 1
    _ = write(writeEnd, &byte, 1)
  }

  func reset() {
    value.withLock { $0 = false }
    var bytes = [UInt8](repeating: 0, count: 64)
    while read(readEnd, &bytes, bytes.count) > 0 {}
  }
}
