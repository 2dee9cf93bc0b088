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

extension InvocationStatus {
  /// The status that the statuses of an invocation's tasks add up to.
  public init(aggregating tasks: [TaskStatus]) {
    if tasks.contains(.cancelling) {
      self = .cancelling
      return
    }
    let inFlight: Set<TaskStatus> = [.pending, .delivering, .deliverDelayed, .running]
    if tasks.contains(where: inFlight.contains) {
      self = tasks.allSatisfy { $0 == .pending } ? .pending : .running
      return
    }
    let cancelled = tasks.filter { $0 == .cancelled || $0 == .terminated }.count
    let succeeded = tasks.filter { $0 == .success }.count
    let timedOut = tasks.filter { $0 == .timeout || $0 == .taskTimeout }.count
    if cancelled == tasks.count {
      self = .cancelled
    } else if cancelled > 0 {
      self = .partialCancelled
    } else if succeeded == tasks.count {
      self = .success
    } else if timedOut == tasks.count {
      self = .timeout
    } else {
      self = succeeded == 0 ? .failed : .partialFailed
    }
  }

  /// Whether the invocation has finished, one way or another.
  public var isFinished: Bool { ![.pending, .running, .cancelling].contains(self) }
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

extension TaskStatus {
  /// Whether the task has finished, one way or another.
  public var isFinished: Bool {
    ![.pending, .delivering, .deliverDelayed, .running, .cancelling].contains(self)
  }
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
