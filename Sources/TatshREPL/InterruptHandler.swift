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
/// instead of ending the shell.
final class InterruptHandler: @unchecked Sendable {
  // `cancelRunning` is guarded by `lock`: the pipe's read source calls in from its own queue.
  private let lock = Mutex()
  private var cancelRunning: (@Sendable () -> Void)?
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
    signal(SIGINT) { _ in
      var byte: UInt8 = 1
      _ = write(interruptPipeWriteEnd, &byte, 1)
    }
  }

  deinit {
    signal(SIGINT, SIG_DFL)
    source.cancel()
    close(readEnd)
    close(interruptPipeWriteEnd)
    interruptPipeWriteEnd = -1
  }

  /// Runs `operation` as a task that Ctrl-C cancels.
  func runCancellable<Result: Sendable>(_ operation: @escaping @Sendable () async -> Result) async -> Result {
    let task = Task { await operation() }
    lock.withLock { cancelRunning = { task.cancel() } }
    defer { lock.withLock { cancelRunning = nil } }
    return await task.value
  }

  private func drainAndInterrupt() {
    var buffer = [UInt8](repeating: 0, count: 64)
    _ = read(readEnd, &buffer, buffer.count)
    lock.withLock { cancelRunning }?()
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
