/// The states an invocation moves through, as the API spells them.
public enum InvocationStatus: String, CaseIterable, Sendable {
  case pending = "PENDING"
  case running = "RUNNING"
  case cancelling = "CANCELLING"
  case success = "SUCCESS"
  case timeout = "TIMEOUT"
  case failed = "FAILED"
  case cancelled = "CANCELLED"
  case partialFailed = "PARTIAL_FAILED"
  case partialCancelled = "PARTIAL_CANCELLED"
}

/// The states one task moves through, as the API spells them.
public enum TaskStatus: String, CaseIterable, Sendable {
  case pending = "PENDING"
  case delivering = "DELIVERING"
  case deliverDelayed = "DELIVER_DELAYED"
  case deliverFailed = "DELIVER_FAILED"
  case startFailed = "START_FAILED"
  case running = "RUNNING"
  case success = "SUCCESS"
  case failed = "FAILED"
  case timeout = "TIMEOUT"
  case taskTimeout = "TASK_TIMEOUT"
  case cancelling = "CANCELLING"
  case cancelled = "CANCELLED"
  case terminated = "TERMINATED"
}

/// The kinds of machine a command runs on.
public enum InstanceKind: String, CaseIterable, Sendable {
  case cvm = "CVM"
  case lighthouse = "LIGHTHOUSE"
}

/// Who wrote a command: Tencent (a public command) or the user.
public enum CommandCreator: String, CaseIterable, Sendable {
  case tat = "TAT"
  case user = "USER"
}

/// The interpreters a command can be written for.
public enum CommandType: String, CaseIterable, Sendable {
  case shell = "SHELL"
  case powershell = "POWERSHELL"
  case bat = "BAT"
}
