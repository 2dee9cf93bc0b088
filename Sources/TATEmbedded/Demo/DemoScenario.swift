import TATCore

/// How the tasks of one demo invocation end: each scenario has the task
/// statuses it draws from and how often it happens.
enum DemoScenario: CaseIterable {
  case allSucceeded, someFailed, allFailed, timedOut, inProgress, pending, cancelling, cancelled,
    someCancelled

  var palette: [TaskStatus] {
    switch self {
    case .allSucceeded: [.success]
    case .someFailed: [.success, .failed]
    case .allFailed: [.failed, .deliverFailed, .startFailed, .failed, .failed]
    case .timedOut: [.timeout, .taskTimeout]
    case .inProgress: [.running, .pending, .delivering, .deliverDelayed, .success]
    case .pending: [.pending]
    case .cancelling: [.cancelling, .running]
    case .cancelled: [.cancelled, .terminated]
    case .someCancelled: [.success, .cancelled]
    }
  }

  /// Relative frequency out of 100.
  var weight: Int {
    switch self {
    case .allSucceeded: 55
    case .someFailed: 15
    case .allFailed: 10
    case .timedOut: 5
    case .inProgress: 3
    case .pending: 2
    case .cancelling: 1
    case .cancelled: 5
    case .someCancelled: 4
    }
  }

  /// Whether invocations of this scenario are still going on, and so recent.
  var isActive: Bool { [.inProgress, .pending, .cancelling].contains(self) }

  static func random(using generator: inout some RandomNumberGenerator) -> DemoScenario {
    var roll = Int.random(in: 0..<100, using: &generator)
    for scenario in allCases {
      if roll < scenario.weight { return scenario }
      roll -= scenario.weight
    }
    return .allSucceeded
  }

}
