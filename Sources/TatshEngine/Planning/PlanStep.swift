import TATCore

/// One client-side step of a plan: how its records flow and how `explain`
/// tells it. Each stage's file defines the steps it plans.
protocol PlanStep: Sendable {
  /// The records after this step, from those of `input`.
  func stream(_ input: any RecordStream, in context: StepContext) -> any RecordStream
  /// Its line in `explain`.
  var explanation: String { get }
  /// Whether every record that comes in goes out, one for one, so that a
  /// `first N` after it still bounds what the source fetches.
  var passesEveryRecord: Bool { get }
}

extension PlanStep {
  var passesEveryRecord: Bool { false }
}

/// What a step needs to run: the backend, the world outside, and its place.
struct StepContext {
  var service: any TATService
  var io: Plan.ExternalIO
  var gate: ChangeGate
  var progress: ProgressLine?
  /// Whether the step is the pipeline's last.
  var isLast: Bool
  /// Whether the source hands on records as they arrive (standard input), not as fast as asked.
  var sourceIsLive: Bool
}
