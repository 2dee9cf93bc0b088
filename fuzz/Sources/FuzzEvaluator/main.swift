// libFuzzer harness: planning and running tatsh programs.
//
// Input: a tatsh program as UTF-8 text (invalid sequences repaired). Each input is
//   1. planned with `Session.plans(for:)` (a diagnostic is a fine answer), then
//   2. when it parses and does nothing outside the process, run by a `Session`
//      over `FakeTAT` (12 invocations, 24 tasks, 3 commands, in memory) with the
//      variables `$inv`, `$tasks` and `$cmds` set to those records, printing to
//      memory buffers, with a plain (non-terminal) `Terminal` whose environment
//      points HOME/XDG folders at a path that does not exist (so no plugins).
//
// Not run (planned only): `source`, `watch`, and any pipeline outside `explain`
// with a stage that touches files, standard input, other programs or changes
// (`open`, `from`, `save`, `each`, `^command`, `run`, `rerun`, `cancel`), or a
// stage name that is neither built in nor `def`ined in the input (a plugin).
//
// Bounds: inputs over 4096 bytes are ignored (libFuzzer's -max_len is 4096 too);
// a run still going after 5 s is cancelled, and libFuzzer's -timeout catches one
// that ignores cancellation.
import Foundation
import FuzzSupport
import TATCore
import TatshEngine
import TatshLanguage

/// `FUZZ_DEBUG=1` prints what each run printed to standard error.
let debug = ProcessInfo.processInfo.environment["FUZZ_DEBUG"] != nil

let runnableStages: Set<String> = [
  "invocations", "tasks", "commands", "where", "decode", "select", "reject", "sort", "first", "skip", "last",
  "uniq", "group", "get", "flatten", "count", "invocation", "command", "table", "json", "jsonl", "csv",
  "yaml", "text",
]

let variables: [(String, [Record], RecordKind)] = [
  ("inv", FakeTAT.invocations.map { try! Record(encoding: $0) }, .invocation),
  ("tasks", FakeTAT.tasks.map { try! Record(encoding: $0) }, .task),
  ("cmds", FakeTAT.commands.map { try! Record(encoding: $0) }, .command),
]

let terminal = Terminal(
  isInteractive: false, width: 80,
  environment: [
    "HOME": "/nonexistent/tatsh-fuzz", "XDG_CONFIG_HOME": "/nonexistent/tatsh-fuzz",
    "XDG_CACHE_HOME": "/nonexistent/tatsh-fuzz", "PATH": "/nonexistent/tatsh-fuzz", "PAGER": "cat",
  ])

/// Whether running `program` stays inside this process and its memory.
func isSafeToRun(_ program: Program) -> Bool {
  var defined: Set<String> = []
  for statement in program.statements {
    if case .define(let name, _, _, _) = statement { defined.insert(name.text.lowercased()) }
  }
  for statement in program.statements {
    switch statement {
    case .source, .watch: return false
    case .explain: continue
    case .run(let pipeline), .assign(_, let pipeline, _), .define(_, _, let pipeline, _):
      for stage in pipeline.stages {
        let name = stage.name.text.lowercased()
        if name.hasPrefix("$") { continue }
        if runnableStages.contains(name) { continue }
        if defined.contains(name) { continue }
        return false
      }
    case .set, .showSettings, .echo, .exit, .help: continue
    }
  }
  return true
}

final class Run: @unchecked Sendable {
  let session: Session
  let source: String
  init(session: Session, source: String) {
    self.session = session
    self.source = source
  }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  guard size <= 4096 else { return 0 }
  let source = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
  do {
    for plan in try Session.plans(for: source) { _ = plan.explanation }
  } catch {
    _ = error.rendered(in: source, origin: "fuzz")
  }
  guard let program = try? Parser.parse(source), isSafeToRun(program) else {
    if debug { FileHandle.standardError.write(Data("(not run)\n".utf8)) }
    return 0
  }

  let output = TextBuffer()
  let errors = TextBuffer()
  let session = Session(service: FakeTAT(), output: output, errors: errors, terminal: terminal)
  for (name, records, kind) in variables { session.setVariable(name, records: records, kind: kind) }
  let run = Run(session: session, source: source)
  let done = DispatchSemaphore(value: 0)
  let task = Task.detached {
    _ = await run.session.run(run.source, origin: "fuzz", arguments: ["inv-fuzz0001", "x"])
    done.signal()
  }
  if done.wait(timeout: .now() + 5) == .timedOut {
    task.cancel()
    done.wait()
  }
  if debug {
    FileHandle.standardError.write(Data("--- output\n\(output.text)--- errors\n\(errors.text)".utf8))
  }
  return 0
}
