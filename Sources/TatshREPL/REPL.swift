import Foundation
import TATCore
import TatshEngine
import TatshLanguage

/// The interactive shell: reads a statement (over several lines when it
/// ends in `|` or leaves a quote or parenthesis open), runs it, and again,
/// until `exit` or Ctrl-D. A failing pipeline never ends the shell.
public final class REPL {
  private let session: Session
  private let prompt: String
  private let continuationPrompt: String
  private let errors: any TextOutput
  private let environment: [String: String]

  /// - Parameters:
  ///   - backendName: shown in the prompt, e.g. `tatsh[embedded]> `.
  ///   - environment: where the history file and the start-up file are found.
  public init(
    session: Session, backendName: String, errors: any TextOutput,
    environment: [String: String] = ProcessInfo.processInfo.environment
  ) {
    self.session = session
    self.errors = errors
    self.environment = environment
    prompt = "tatsh[\(backendName)]> "
    continuationPrompt = String(repeating: " ", count: prompt.count - 4) + "..> "
  }

  /// Runs until the user leaves; returns the status to exit with (`exit N` gives N).
  public func run() async -> Int32 {
    guard let editor = LineEditor(programName: "tatsh", historyPath: UserFiles.history(environment)) else {
      errors.write("tatsh: cannot start line editing on this terminal\n")
      errors.flush()
      return ExitStatus.failure.rawValue
    }
    let session = self.session
    editor.completer = { text in session.completions(for: text) }
    let interrupts = InterruptHandler()
    let sendable = UncheckedSendable(session)
    await runStartupFile()
    while let entry = readEntry(editor) {
      let trimmed = entry.trimmingWhitespace()
      if trimmed.isEmpty { continue }
      if HistoryPolicy.remembers(entry) { editor.remember(entry) }
      if trimmed == "exit" || trimmed == "quit" { break }
      do {
        if let command = try ShellCommand.parse(entry) {
          perform(command, editor: editor)
          continue
        }
      } catch {
        errors.write(error.rendered(in: entry, origin: nil) + "\n")
        errors.flush()
        continue
      }
      _ = await interrupts.runCancellable { await sendable.value.run(entry, origin: nil) }
      if let status = session.requestedExit { return status }
    }
    return ExitStatus.success.rawValue
  }

  private func perform(_ command: ShellCommand, editor: LineEditor) {
    switch command {
    case .clear:
      // Home, then erase the screen; the scrollback keeps what was there.
      FileHandle.standardOutput.write(Data("\u{1B}[H\u{1B}[2J".utf8))
    case .history(let last):
      FileHandle.standardOutput.write(Data(Self.listing(editor.entries(), last: last).utf8))
    }
  }

  /// The last `last` of `entries`, numbered from the oldest as shells number them;
  /// the lines of an entry after its first are indented under it.
  static func listing(_ entries: [String], last: Int) -> String {
    let width = String(entries.count).count
    return entries.enumerated().suffix(last).map { number, entry in
      let label = String(repeating: " ", count: width - String(number + 1).count) + String(number + 1)
      let indent = "\n" + String(repeating: " ", count: width + 4)
      return "  \(label)  "
        + entry.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: indent) + "\n"
    }.joined()
  }

  /// One statement, over as many lines as it takes; nil at Ctrl-D.
  /// Ctrl-C on any of its lines drops the whole entry (an empty one is returned).
  private func readEntry(_ editor: LineEditor) -> String? {
    editor.entrySoFar = ""
    guard var entry = editor.readLine(prompt: prompt) else { return nil }
    if editor.wasInterrupted { return "" }
    while Continuation.expectsMore(entry) {
      // Completion reads the entry as one line: a line break there is only a continuation.
      editor.entrySoFar = entry + " "
      defer { editor.entrySoFar = "" }
      guard let more = editor.readLine(prompt: continuationPrompt) else { return entry }
      if editor.wasInterrupted { return "" }
      entry += "\n" + more
    }
    return entry
  }

  /// Runs `config.tatsh` from the user's configuration folder, if there is one;
  /// an error there is reported and the shell starts all the same.
  private func runStartupFile() async {
    let path = UserFiles.startup(environment)
    guard let data = FileManager.default.contents(atPath: path) else { return }
    _ = await session.run(String(decoding: data, as: UTF8.self), origin: path)
  }
}

extension REPL {
  /// Runs a program (`-c`, a script) so that Ctrl-C cancels it, and the
  /// programs it started, instead of ending tatsh at once.
  public static func runInterruptibly(
    _ session: Session, _ source: String, origin: String?, arguments: [String]
  ) async -> ExitStatus {
    let interrupts = InterruptHandler()
    let sendable = UncheckedSendable(session)
    return await interrupts.runCancellable {
      await sendable.value.run(source, origin: origin, arguments: arguments)
    }
  }
}

/// The session, handed to the task that runs one statement; the loop waits
/// for that task before it touches the session again, so it is never shared.
private struct UncheckedSendable<Value>: @unchecked Sendable {
  let value: Value
  init(_ value: Value) { self.value = value }
}

/// Which lines history keeps: none that could hold a secret, named as one
/// or pasted as one (a run of 32 or more letters and digits, as keys and
/// tokens are; ids are far shorter).
enum HistoryPolicy {
  private static let secretWords = ["secret", "token", "password", "passwd", "credential"]
  private static let longestRunKept = 31

  static func remembers(_ entry: String) -> Bool {
    let lowered = entry.lowercased()
    return !secretWords.contains { lowered.contains($0) } && !holdsKeyLikeRun(entry)
  }

  private static func holdsKeyLikeRun(_ entry: String) -> Bool {
    var run = 0
    var hasLetter = false
    var hasDigit = false
    for character in entry.unicodeScalars {
      let isLetter = ("a"..."z").contains(character) || ("A"..."Z").contains(character)
      let isDigit = ("0"..."9").contains(character)
      if isLetter || isDigit || "+/=".unicodeScalars.contains(character) {
        run += 1
        hasLetter = hasLetter || isLetter
        hasDigit = hasDigit || isDigit
        if run > longestRunKept, hasLetter, hasDigit { return true }
      } else {
        (run, hasLetter, hasDigit) = (0, false, false)
      }
    }
    return false
  }
}

/// The user's own files, in the XDG folders.
enum UserFiles {
  /// `$XDG_STATE_HOME/tatsh/history`, or `~/.local/state/tatsh/history`.
  static func history(_ environment: [String: String]) -> String {
    UserFolder.state.path(environment) + "/tatsh/history"
  }

  /// `$XDG_CONFIG_HOME/tatsh/config.tatsh`, or `~/.config/tatsh/config.tatsh`.
  static func startup(_ environment: [String: String]) -> String {
    UserFolder.config.path(environment) + "/tatsh/config.tatsh"
  }
}

extension String {
  func trimmingWhitespace() -> String {
    var scalars = Substring(self)
    while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
    while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
    return String(scalars)
  }
}
