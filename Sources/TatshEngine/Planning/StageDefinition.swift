import TatshLanguage

/// One stage of the language, defined once: its name, usage, help and
/// examples, what Tab offers after it, and how it plans. Help, completion,
/// "did you mean" and the planner read it from `StageRegistry`.
struct StageDefinition: Sendable {
  enum Role: Sendable, Hashable {
    /// Starts a pipeline.
    case source
    /// Turns records into records.
    case transform
    /// Prints records; ends a pipeline.
    case output
  }

  /// How the stage plans where it starts a pipeline.
  enum SourcePlanning: Sendable {
    /// An API listing of records of a kind, with what can be pushed into its requests.
    case listing(RecordKind)
    /// Records tatsh already has or makes itself: the source and the shape of its records.
    case local(@Sendable (Stage, PlanningEnvironment) throws(Diagnostic) -> (Plan.Source, RecordShape))
  }

  /// How the stage plans after a pipe: it adds its steps (or the output) to the draft.
  typealias StepPlanning = @Sendable (Stage, inout PipelineDraft) throws(Diagnostic) -> Void

  var name: String
  var role: Role
  var usage: String
  var summary: String
  /// Rules beyond the summary that `help NAME` prints.
  var details: String? = nil
  /// Pipelines that show the stage at work; each must plan, and docs/LANGUAGE.md shows it.
  var examples: [String]
  /// What Tab offers for the words after the stage's name (besides `where`).
  var completion: StageCompletion = .nothing
  /// Its `--flags`, if any.
  var flags = StageFlags()
  /// Whether the stage acts on each record it gets (runs, changes): a
  /// `where` after its name would filter only what it hands on, after it
  /// has acted on them all, so it is refused.
  var actsOnEachRecord = false
  /// Set where the stage can start a pipeline.
  var startsPipeline: SourcePlanning? = nil
  /// Set where the stage can follow a pipe.
  var followsPipe: StepPlanning? = nil
  /// Whether the stage plans its own `where` condition (the `where` stage itself).
  var ownsCondition = false
}

/// What Tab offers after a stage's name.
enum StageCompletion: Sendable {
  /// Nothing but `where` and the stage's flags.
  case nothing
  /// The fields of the records flowing in (`select`, `uniq`).
  case fields
  /// Files and folders.
  case files
  /// Ids of records of the kind seen lately.
  case recentIds(RecordKind)
  /// Fixed words (`from json`).
  case words([String])
  /// Worked out by the stage from the words typed after its name so far
  /// (the name included) and the fields of the records flowing in.
  case custom(@Sendable (_ words: [String], _ fields: [String]) -> [String])
}
