/// The built-in stages: what `help`, completion and "did you mean" know.
public struct StageSignature: Sendable, Hashable {
  public enum Role: Sendable, Hashable {
    /// Starts a pipeline.
    case source
    /// Turns records into records.
    case transform
    /// Prints records; ends a pipeline.
    case output
  }

  public var name: String
  public var role: Role
  public var usage: String
  public var summary: String
}

public enum StageCatalog {
  public static let all: [StageSignature] = [
    StageSignature(
      name: "invocations", role: .source, usage: "invocations [ID…] [where CONDITION]",
      summary: "execution activities, newest first (DescribeInvocations)"),
    StageSignature(
      name: "tasks", role: .source, usage: "tasks [ID…] [where CONDITION]",
      summary: "per-instance tasks (DescribeInvocationTasks); after invocations, their tasks"),
    StageSignature(
      name: "commands", role: .source, usage: "commands [ID…] [where CONDITION]",
      summary: "saved commands (DescribeCommands)"),
    StageSignature(
      name: "where", role: .transform, usage: "where CONDITION",
      summary: "keep the records that satisfy CONDITION"),
    StageSignature(
      name: "decode", role: .transform, usage: "decode",
      summary: "base64-decode command contents and task output into text"),
    StageSignature(
      name: "select", role: .transform, usage: "select FIELD…",
      summary: "keep only the named fields"),
    StageSignature(
      name: "first", role: .transform, usage: "first [N]",
      summary: "the first N records (default 1); stops fetching once they are in"),
    StageSignature(
      name: "count", role: .transform, usage: "count", summary: "the number of records"),
    StageSignature(
      name: "table", role: .output, usage: "table", summary: "print a table"),
    StageSignature(
      name: "json", role: .output, usage: "json", summary: "print a JSON array"),
    StageSignature(
      name: "jsonl", role: .output, usage: "jsonl", summary: "print JSON Lines, one record a line"),
  ]

  /// The signature of the stage called `name` (any case), if it exists.
  public static func signature(named name: String) -> StageSignature? {
    all.first { $0.name.caseInsensitiveEquals(name) }
  }
}
