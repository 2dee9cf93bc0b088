import TatshEngine

/// The interactive shell: reads a line, runs it, prints the result, again,
/// until `exit` or Ctrl-D. A failing pipeline never ends the shell.
public final class REPL {
  private let session: Session
  private let prompt: String
  private let errors: any TextOutput

  /// - Parameter backendName: shown in the prompt, e.g. `tatsh[embedded]> `.
  public init(session: Session, backendName: String, errors: any TextOutput) {
    self.session = session
    self.errors = errors
    prompt = "tatsh[\(backendName)]> "
  }

  /// Runs until the user leaves; returns the status to exit with.
  public func run() async -> ExitStatus {
    guard let editor = LineEditor(programName: "tatsh") else {
      errors.write("tatsh: cannot start line editing on this terminal\n")
      errors.flush()
      return .failure
    }
    let interrupts = InterruptHandler()
    let session = UncheckedSendable(self.session)
    while let line = editor.readLine(prompt: prompt) {
      let trimmed = line.trimmingWhitespace()
      if trimmed.isEmpty { continue }
      editor.remember(line)
      if trimmed == "exit" || trimmed == "quit" { break }
      _ = await interrupts.runCancellable { await session.value.run(line, origin: nil) }
      if let status = self.session.requestedExit { return status == 0 ? .success : .failure }
    }
    return .success
  }
}

/// The session, handed to the task that runs one pipeline; the loop waits
/// for that task before it touches the session again, so it is never shared.
private struct UncheckedSendable<Value>: @unchecked Sendable {
  let value: Value
  init(_ value: Value) { self.value = value }
}

extension String {
  func trimmingWhitespace() -> String {
    var scalars = Substring(self)
    while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
    while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
    return String(scalars)
  }
}
