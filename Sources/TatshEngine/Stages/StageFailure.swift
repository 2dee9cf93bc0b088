import TATCore
import TatshLanguage

/// A runtime error, with the stage it happened in and that stage's place in the program.
public struct StageFailure: Error, Sendable {
  public var stage: String
  public var range: SourceRange
  public var underlying: any Error

  /// The diagnostic a user reads: the stage, the API code and `RequestId` when there are ones.
  public var diagnostic: Diagnostic {
    let reason: String
    if let api = underlying as? TATError {
      reason = api.description
    } else {
      reason = String(describing: underlying)
    }
    return Diagnostic(
      "stage '\(stage)' failed: \(reason)", at: (underlying as? ExternalFailure)?.range ?? range)
  }
}

/// Names the stage in every error that comes out of it.
final class LabeledStream: RecordStream {
  private let upstream: any RecordStream
  private let stage: String
  private let range: SourceRange

  init(_ upstream: any RecordStream, stage: String, range: SourceRange) {
    self.upstream = upstream
    self.stage = stage
    self.range = range
  }

  func nextPage() async throws -> [Record]? {
    do {
      return try await upstream.nextPage()
    } catch let error as StageFailure {
      throw error
    } catch let error as CancellationError {
      throw error
    } catch let error as StoppedWaiting {
      throw error
    } catch {
      throw StageFailure(stage: stage, range: range, underlying: error)
    }
  }
}
