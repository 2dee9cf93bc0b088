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
  /// Pipelines that show the stage at work.
  public var examples: [String] = []
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
      name: "reject", role: .transform, usage: "reject FIELD…", summary: "drop the named fields"),
    StageSignature(
      name: "sort", role: .transform, usage: "sort by FIELD [desc], …",
      summary: "order the records (numbers as numbers, missing values last)"),
    StageSignature(
      name: "first", role: .transform, usage: "first [N]",
      summary: "the first N records (default 1); stops fetching once they are in"),
    StageSignature(name: "skip", role: .transform, usage: "skip [N]", summary: "drop the first N records"),
    StageSignature(name: "last", role: .transform, usage: "last [N]", summary: "the last N records"),
    StageSignature(
      name: "uniq", role: .transform, usage: "uniq FIELD",
      summary: "the first record of each distinct value of FIELD"),
    StageSignature(
      name: "get", role: .transform, usage: "get FIELD", summary: "the values of FIELD, as records {value: …}"
    ),
    StageSignature(
      name: "count", role: .transform, usage: "count", summary: "the number of records"),
    StageSignature(
      name: "table", role: .output, usage: "table", summary: "print a table"),
    StageSignature(
      name: "json", role: .output, usage: "json", summary: "print a JSON array"),
    StageSignature(
      name: "jsonl", role: .output, usage: "jsonl", summary: "print JSON Lines, one record a line"),
    StageSignature(name: "csv", role: .output, usage: "csv", summary: "print CSV (RFC 4180) with a header"),
    StageSignature(
      name: "text", role: .output, usage: "text",
      summary: "print the values alone, tab-separated, a record a line"),
  ]

  /// The signature of the stage called `name` (any case), if it exists.
  public static func signature(named name: String) -> StageSignature? {
    all.first { $0.name.caseInsensitiveEquals(name) }
  }
}
