import Dispatch

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The write end of the pipe that the SIGINT handler writes a byte to: the
/// one thing a signal handler may safely do.
private nonisolated(unsafe) var interruptPipeWriteEnd: Int32 = -1

/// Turns Ctrl-C (SIGINT) into cancelling the pipeline that is running,
/// instead of ending the shell. SIGTERM and SIGHUP (the terminal went away)
/// end tatsh, but only once the running pipeline has been cancelled: its
/// plugins, `each` commands and `^` commands are ended with their process
/// groups, and what had already come out is written, before tatsh exits as
/// the signal would have it (128 + the signal).
final class InterruptHandler: @unchecked Sendable {
  // `cancelRunning` and `ending` are guarded by `lock`: the pipe's read source calls in from its own queue.
  private let lock = Mutex()
  private var cancelRunning: (@Sendable () -> Void)?
  /// The signal that is ending tatsh, once one has come.
  private var ending: Int32?
  private static let signals = [SIGINT, SIGTERM, SIGHUP]
  private let readEnd: Int32
  private let source: any DispatchSourceRead

  init() {
    var ends: [Int32] = [-1, -1]
    _ = pipe(&ends)
    readEnd = ends[0]
    interruptPipeWriteEnd = ends[1]
    source = DispatchSource.makeReadSource(fileDescriptor: readEnd, queue: .global())
    source.setEventHandler { [weak self] in self?.drainAndInterrupt() }
    source.resume()
    for number in Self.signals {
      signal(number) { number in
        var byte = UInt8(truncatingIfNeeded: number)
        _ = write(interruptPipeWriteEnd, &byte, 1)
      }
    }
  }

  deinit {
    for number in Self.signals { signal(number, SIG_DFL) }
    source.cancel()
    close(readEnd)
    close(interruptPipeWriteEnd)
    interruptPipeWriteEnd = -1
  }

  /// Runs `operation` as a task that Ctrl-C cancels.
  func runCancellable<Result: Sendable>(_ operation: @escaping @Sendable () async -> Result) async -> Result {
    let task = Task { await operation() }
    lock.withLock { cancelRunning = { task.cancel() } }
    let result = await task.value
    let ending = lock.withLock {
      cancelRunning = nil
      return self.ending
    }
    if let ending { Self.end(by: ending) }
    return result
  }

  private func drainAndInterrupt() {
    var buffer = [UInt8](repeating: 0, count: 64)
    let count = read(readEnd, &buffer, buffer.count)
    for number in buffer.prefix(max(0, count)).map(Int32.init) {
      let cancel = lock.withLock {
        if number != SIGINT { ending = ending ?? number }
        return cancelRunning
      }
      if let cancel {
        cancel()
      } else if number != SIGINT {
        Self.end(by: number)  // Nothing is running: nothing to wait for.
      }
    }
  }

  /// Ends tatsh as `number` would have, had it not been caught.
  private static func end(by number: Int32) -> Never {
    signal(number, SIG_DFL)
    // To the process, not this thread, which (a dispatch worker) blocks most signals.
    kill(getpid(), number)
    for _ in 0..<100 { usleep(10_000) }
    exit(128 + number)
  }
}

/// A mutex over pthreads, for the few lines of shared state above.
private final class Mutex: @unchecked Sendable {
  private var mutex = pthread_mutex_t()

  init() { pthread_mutex_init(&mutex, nil) }
  deinit { pthread_mutex_destroy(&mutex) }

  func withLock<T>(_ body: () -> T) -> T {
    pthread_mutex_lock(&mutex)
    defer { pthread_mutex_unlock(&mutex) }
    return body()
  }
}
