import Foundation

/// The status a pipeline ends with although no stage failed outright: the
/// status of a final `^command`, as a shell's pipeline takes its last
/// command's (`… | ^grep x` that finds nothing is 1, with no error), or 1
/// when `each --keep-going` saw commands fail. Stages set it; the session
/// reads it once the pipeline is done.
final class PipelineOutcome: @unchecked Sendable {
  // `status` is guarded by `lock`.
  private let lock = NSLock()
  private var recorded: Int32?

  /// The first status set, if any.
  var status: Int32? { lock.withLock { recorded } }

  /// The pipeline ends with `status` (the first one set wins).
  func end(with status: Int32) {
    lock.withLock { recorded = recorded ?? status }
  }
}

/// A pipeline that ended with a status of its own (`PipelineOutcome`): the
/// statement fails with that status, and no message, as in a shell.
struct QuietFailure: Error {
  var status: Int32
}
