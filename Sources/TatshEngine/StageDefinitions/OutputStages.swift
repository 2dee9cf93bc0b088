import TatshLanguage

/// Stages that print the records or write them to a file; each ends a pipeline.
extension StageRegistry {
  static let outputs: [StageDefinition] =
    [
      format(.table, "print a table", example: "invocations | first 5 | table"),
      format(.json, "print a JSON array", example: "invocations inv-q4zp60g0 | json"),
      format(.jsonl, "print JSON Lines, one record a line", example: "tasks | jsonl"),
      format(.csv, "print CSV (RFC 4180) with a header", example: "invocations | select id, status | csv"),
      format(.yaml, "print YAML", example: "commands | first 1 | yaml"),
      format(
        .text, "print the values alone, tab-separated, a record a line",
        example: "invocations | get id | text"),
    ] + [
      StageDefinition(
        name: "save", role: .output, usage: "save FILE",
        summary: "write the records to FILE (.json .jsonl .csv .yaml .txt), all at once or not at all",
        examples: ["invocations where status=FAILED | save failed.csv"], completion: .files,
        followsPipe: { stage, draft throws(Diagnostic) in draft.output = try PlannedOutput(saving: stage) })
    ]

  private static func format(_ format: OutputFormat, _ summary: String, example: String) -> StageDefinition {
    StageDefinition(
      name: format.rawValue, role: .output, usage: format.rawValue, summary: summary, examples: [example],
      followsPipe: { stage, draft throws(Diagnostic) in
        try stage.expectNoArguments()
        draft.output = PlannedOutput(format: format, destination: nil)
      })
  }
}
