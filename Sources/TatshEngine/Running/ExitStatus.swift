/// How a run ended, as the process's exit code.
public enum ExitStatus: Int32, Sendable {
  case success = 0
  /// A runtime error: an API error, a failed stage.
  case failure = 1
  /// A usage or parse error: nothing ran.
  case usage = 2
  /// Cancelled by the user (Ctrl-C).
  case cancelled = 130
}
