import TatshLanguage

/// `each [--parallel N] [--keep-going] [--timeout D] 'CMD'`: a shell command per record.
extension StageRegistry {
  static let each: [StageDefinition] = [
    StageDefinition(
      name: "each", role: .transform, usage: "each [--parallel N] [--keep-going] [--timeout D] 'CMD'",
      summary: "run a shell command per record; {{Field}} stands for its value, never for code",
      details: """
          CMD runs under /bin/sh once per record, the record as JSON on its stdin, and its
          top-level values in TATSH_<Field> (up to 64 KB, no NUL byte). {{Field}} (any name
          tatsh knows: {{instance}}, {{TaskResult.ExitCode}}) becomes a reference to a
          variable holding the value, so no value is ever read as shell code. A {{Field}}
          where the shell would not expand it (single quotes, $'…', a quoted here-document)
          or would evaluate it (arithmetic, [[ ]], array indexes) is refused before
          anything runs. A command that runs its own arguments (eval, sh -c) can still run
          a value. It stops at the first command that fails unless --keep-going, which
          runs them all and then exits 1 if any failed; --parallel N runs N at once;
          --timeout D ends a command after D.
        """,
      examples: [
        "invocations inv-q4zp60g0 | tasks | each 'echo {{instance}} \"$TATSH_TaskStatus\"'",
        "tasks where status=FAILED | each --keep-going 'echo {{instance}} >> failed.txt'",
      ],
      flags: eachFlags,
      actsOnEachRecord: true,
      followsPipe: { stage, draft throws(Diagnostic) in
        draft.append(EachStep(options: try eachOptions(of: stage, shape: draft.shape)), for: stage)
      })
  ]

  private static let eachFlags = StageFlags(
    .init("--parallel", "N", problem: "--parallel takes a number of commands at once, 1 to 256"),
    .init("--keep-going"),
    .init("--timeout", "D", problem: "--timeout takes a duration such as 30s or 5m"))

  static func eachOptions(of stage: Stage, shape: RecordShape) throws(Diagnostic) -> EachStream.Options {
    let (given, rest) = try eachFlags.parse(stage.arguments, of: stage)
    let parallel = try given.number("--parallel", in: 1...256) ?? 1
    let timeout = try given.seconds("--timeout", in: 1...Int.max)
    guard rest.count == 1, let command = rest.first else {
      throw Diagnostic("'each' takes one command, in quotes: each 'echo {{InvocationId}}'", at: stage.range)
    }
    guard !command.text.unicodeScalars.contains("\0") else {
      throw Diagnostic("the command holds a NUL byte, which no command line can carry", at: command.range)
    }
    do {
      let template = try ShellTemplate(command.text) { name in
        try shape.resolve(Name(text: name, range: command.range))
      }
      return EachStream.Options(
        parallel: parallel, keepsGoing: given.contains("--keep-going"), timeout: timeout, template: template)
    } catch let diagnostic as Diagnostic {
      throw diagnostic
    } catch let misplaced as ShellTemplate.Misplaced {
      throw diagnostic(for: misplaced, in: command, of: stage)
    } catch {
      throw Diagnostic("\(error)", at: command.range)
    }
  }

  /// Points at the hole in the program when the command is written there
  /// as it is read (no escapes, not from a variable or a definition);
  /// else shows the command under the message with a caret under the hole.
  private static func diagnostic(
    for misplaced: ShellTemplate.Misplaced, in command: Literal, of stage: Stage
  ) -> Diagnostic {
    let length = misplaced.written.unicodeScalars.count
    let quotes = command.kind == .quoted ? 2 : 0
    let isWrittenAsRead =
      command.range != stage.name.range
      && command.range.end - command.range.start == command.text.unicodeScalars.count + quotes
    if isWrittenAsRead {
      let start = command.range.start + quotes / 2 + misplaced.offset
      return Diagnostic(misplaced.message, at: SourceRange(start, start + length))
    }
    let scalars = Array(command.text.unicodeScalars)
    var lineStart = misplaced.offset
    while lineStart > 0, scalars[lineStart - 1] != "\n" { lineStart -= 1 }
    var lineEnd = misplaced.offset
    while lineEnd < scalars.count, scalars[lineEnd] != "\n" { lineEnd += 1 }
    let line = String(String.UnicodeScalarView(scalars[lineStart..<lineEnd].map { $0 == "\t" ? " " : $0 }))
    let caret =
      String(repeating: " ", count: misplaced.offset - lineStart) + String(repeating: "^", count: length)
    return Diagnostic(misplaced.message + "\n    " + line + "\n    " + caret, at: command.range)
  }
}

/// `each`: its records go on unchanged once each command has run.
struct EachStep: PlanStep {
  var options: EachStream.Options
  func stream(_ input: any RecordStream, in context: StepContext) -> any RecordStream {
    EachStream(
      input, options: options, environment: context.io.environment, output: context.io.output,
      errors: context.io.errors, outcome: context.io.outcome)
  }
  var explanation: String { "each: a shell command per record, \(options.parallel) at a time" }
}
