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
  public var examples: [String]
}

public enum StageCatalog {
  public static let all: [StageSignature] = [
    StageSignature(
      name: "invocations", role: .source, usage: "invocations [ID…] [where CONDITION]",
      summary: "execution activities, newest first (DescribeInvocations)",
      examples: ["invocations where status=FAILED", "invocations inv-q4zp60g0 | json"]),
    StageSignature(
      name: "tasks", role: .source, usage: "tasks [ID…] [where CONDITION]",
      summary: "per-instance tasks (DescribeInvocationTasks); after invocations, their tasks",
      examples: ["tasks where exit=127", "invocations where status=FAILED | tasks | decode"]),
    StageSignature(
      name: "commands", role: .source, usage: "commands [ID…] [where CONDITION]",
      summary: "saved commands (DescribeCommands)", examples: ["commands where created-by=TAT | select name"]),
    StageSignature(
      name: "open", role: .source, usage: "open FILE",
      summary: "records from a JSON array or JSON Lines file",
      examples: ["open failed.jsonl | where status=FAILED | count"]),
    StageSignature(
      name: "from", role: .source, usage: "from json",
      summary: "records from standard input (JSON or JSON Lines)",
      examples: ["from json | select id"]),
    StageSignature(
      name: "where", role: .transform, usage: "where CONDITION",
      summary: "keep the records that satisfy CONDITION",
      examples: ["tasks | where exit != 0 and output ~ 'denied'"]),
    StageSignature(
      name: "decode", role: .transform, usage: "decode",
      summary: "base64-decode command contents and task output into text",
      examples: ["tasks where exit=127 | decode | select output"]),
    StageSignature(
      name: "select", role: .transform, usage: "select FIELD…", summary: "keep only the named fields",
      examples: ["invocations | select id, status, duration"]),
    StageSignature(
      name: "reject", role: .transform, usage: "reject FIELD…", summary: "drop the named fields",
      examples: ["invocations | reject tasks, content"]),
    StageSignature(
      name: "sort", role: .transform, usage: "sort by FIELD [desc], …",
      summary: "order the records (numbers as numbers, missing values last)",
      examples: ["invocations | sort by duration desc | first 5"]),
    StageSignature(
      name: "first", role: .transform, usage: "first [N]",
      summary: "the first N records (default 1); stops fetching once they are in",
      examples: ["invocations | first 10"]),
    StageSignature(
      name: "skip", role: .transform, usage: "skip [N]", summary: "drop the first N records",
      examples: ["invocations | skip 20 | first 20"]),
    StageSignature(
      name: "last", role: .transform, usage: "last [N]", summary: "the last N records",
      examples: ["invocations | last 3"]),
    StageSignature(
      name: "uniq", role: .transform, usage: "uniq FIELD",
      summary: "the first record of each distinct value of FIELD", examples: ["tasks | uniq instance"]),
    StageSignature(
      name: "group", role: .transform,
      usage: "group by FIELD [count] [min|max|avg FIELD]… [percent FIELD VALUE]…",
      summary: "one record per value of FIELD, with its count and other aggregates",
      examples: [
        "invocations | group by status avg duration", "invocations | group by name percent status FAILED",
      ]),
    StageSignature(
      name: "get", role: .transform, usage: "get FIELD",
      summary: "the values of FIELD, as records {value: …}",
      examples: ["tasks where exit=127 | decode | get output | text"]),
    StageSignature(
      name: "flatten", role: .transform, usage: "flatten FIELD",
      summary: "one record per item of the list FIELD, the item's fields in its place",
      examples: ["invocations | flatten tasks | select id, InstanceId, TaskStatus"]),
    StageSignature(
      name: "count", role: .transform, usage: "count", summary: "the number of records",
      examples: ["invocations where status=FAILED | count"]),
    StageSignature(
      name: "invocation", role: .transform, usage: "invocation",
      summary: "from tasks to the invocations they belong to, each once",
      examples: ["tasks where exit=127 | invocation | select id, name"]),
    StageSignature(
      name: "command", role: .transform, usage: "command",
      summary: "add each record's command (DescribeCommands) as the field Command",
      examples: ["invocations | first 5 | command | select id, Command.CreatedBy"]),
    StageSignature(
      name: "run", role: .source,
      usage: "run 'COMMAND' on ID[, ID…] [--timeout D] [--user U] [--workdir P] [--no-wait] [--yes]",
      summary: "run a shell command on instances (RunCommand), wait, and show its tasks",
      examples: ["run 'uptime' on mi-local001, mi-local002 | decode | select instance, output"]),
    StageSignature(
      name: "rerun", role: .transform, usage: "rerun [--wait] [--yes]",
      summary: "run the same command again on exactly the instances of these invocations or tasks",
      examples: ["invocations inv-q4zp60g0 | tasks where status=FAILED | rerun --wait"]),
    StageSignature(
      name: "cancel", role: .transform, usage: "cancel [--yes]",
      summary: "cancel these invocations (or only these tasks) while they run (CancelInvocation)",
      examples: ["invocations where status=RUNNING | cancel"]),
    StageSignature(
      name: "table", role: .output, usage: "table", summary: "print a table",
      examples: ["invocations | first 5 | table"]),
    StageSignature(
      name: "json", role: .output, usage: "json", summary: "print a JSON array",
      examples: ["invocations inv-q4zp60g0 | json"]),
    StageSignature(
      name: "jsonl", role: .output, usage: "jsonl", summary: "print JSON Lines, one record a line",
      examples: ["tasks | jsonl"]),
    StageSignature(
      name: "csv", role: .output, usage: "csv", summary: "print CSV (RFC 4180) with a header",
      examples: ["invocations | select id, status | csv"]),
    StageSignature(
      name: "yaml", role: .output, usage: "yaml", summary: "print YAML",
      examples: ["commands | first 1 | yaml"]),
    StageSignature(
      name: "text", role: .output, usage: "text",
      summary: "print the values alone, tab-separated, a record a line",
      examples: ["invocations | get id | text"]),
    StageSignature(
      name: "save", role: .output, usage: "save FILE",
      summary: "write the records to FILE (.json .jsonl .csv .yaml .txt), all at once or not at all",
      examples: ["invocations where status=FAILED | save failed.csv"]),
  ]

  /// The signature of the stage called `name` (any case), if it exists.
  public static func signature(named name: String) -> StageSignature? {
    all.first { $0.name.caseInsensitiveEquals(name) }
  }
}
