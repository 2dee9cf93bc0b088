import TATCore

/// A request the embedded backend answers: each action's request type
/// conforms, beside the code that answers it. `EmbeddedTAT.send` answers
/// any other with `UnsupportedOperation`.
protocol EmbeddedAnswerable: TATRequest {
  func answer(from tat: EmbeddedTAT) async throws -> Response
}
