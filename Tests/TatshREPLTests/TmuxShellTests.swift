import Foundation
import TatshTestSupport
import Testing

/// The shell in tmux: completion, history across restarts, multi-line
/// entries, Ctrl-C on a slow pipeline, the start-up file, `set timing`.
@Suite(.serialized) struct TmuxShellTests {
  let prompt = "tatsh[embedded]> "

  func start(_ tatsh: TatshBinary) throws -> TmuxSession {
    let session = try TmuxSession(command: [TatshBinary.url.path], environment: tatsh.environment())
    #expect(session.waitFor(prompt), "\(session.screen())")
    return session
  }

  /// Statuses are coloured in a table on a terminal, unless NO_COLOR is set
  /// (the terminal's facts now come from the front end, not the engine).
  @Test func tablesOnATerminalAreColouredUnlessNoColorIsSet() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let command = [TatshBinary.url.path, "-c", "invocations inv-q4zp60g0 | select id, status | table"]
    // The test runner may set NO_COLOR itself (tmux would pass it on): empty, it is unset.
    var environment = tatsh.environment()
    environment["NO_COLOR"] = ""
    let coloured = try TmuxSession(command: command, environment: environment)
    #expect(coloured.waitFor("SUCCESS"), "\(coloured.screen())")
    #expect(coloured.screenWithColors().contains("\u{1B}[32mSUCCESS"), "\(coloured.screenWithColors())")
    environment["NO_COLOR"] = "1"
    let plain = try TmuxSession(command: command, environment: environment)
    #expect(plain.waitFor("SUCCESS"), "\(plain.screen())")
    #expect(!plain.screenWithColors().contains("\u{1B}[32m"), "\(plain.screenWithColors())")
  }

  @Test func tabCompletesStagesFieldsAndValues() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let shell = try start(tatsh)
    shell.type("invoc")
    shell.press("Tab")
    shell.type("where sta")
    shell.press("Tab")
    #expect(shell.waitFor("StartTime"), "several candidates are listed: \(shell.screen())")
    shell.type("tus=FAI")
    shell.press("Tab")
    shell.type("| cou")
    shell.press("Tab")
    #expect(shell.waitFor("invocations where status=FAILED | count "), "\(shell.screen())")
    shell.press("Enter")
    #expect(shell.waitFor("(1 record)"))
  }

  /// Issue 20, item 12: after `select` or `group`, Tab offers the fields
  /// the records still have, not every field of their kind.
  @Test func tabOffersOnlyTheFieldsASelectOrGroupLeft() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let shell = try start(tatsh)
    shell.type("invocations | group by name | sort by cou")
    shell.press("Tab")
    #expect(shell.waitFor("sort by count "), "\(shell.screen())")
    shell.type("desc | first 1 | get count")
    shell.press("Enter")
    #expect(shell.waitFor("(1 record)"), "\(shell.screen())")
    shell.type("invocations | select id, status | where st")
    shell.press("Tab")
    #expect(shell.waitFor("where status "), "StartTime was dropped by select: \(shell.screen())")
  }

  /// Issue 20, item 13: `history [N]` lists entries numbered, multi-line
  /// ones indented; `clear` leaves only the prompt on the screen.
  @Test func historyListsEntriesAndClearClearsTheScreen() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let shell = try start(tatsh)
    shell.type("echo one")
    shell.press("Enter")
    shell.type("invocations |")
    shell.press("Enter")
    shell.type("count")
    shell.press("Enter")
    #expect(shell.waitFor("(1 record)"), "\(shell.screen())")
    shell.type("history")
    shell.press("Enter")
    #expect(
      shell.waitFor("  1  echo one\n  2  invocations |\n     count\n  3  history\n\(prompt)"),
      "\(shell.screen())")
    shell.type("history 1")
    shell.press("Enter")
    #expect(shell.waitFor("> history 1\n  4  history 1\n\(prompt)"), "\(shell.screen())")
    shell.type("history two")
    shell.press("Enter")
    #expect(shell.waitFor("'history' takes a number of entries (history 50), got 'two'"), "\(shell.screen())")
    shell.type("clear")
    shell.press("Enter")
    #expect(
      shell.waitUntilVisible { $0.trimmingCharacters(in: .whitespacesAndNewlines) == "tatsh[embedded]>" },
      "only the prompt is left: \(shell.visibleScreen())")
  }

  @Test func historyIsKeptAcrossRestarts() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    do {
      let shell = try start(tatsh)
      shell.type("invocations inv-q4zp60g0 | select id, status")
      shell.press("Enter")
      #expect(shell.waitFor("(1 record)"))
      shell.type("set secret-key abc")
      shell.press("Enter")
      // A key pasted with no word that names it (found in a stranger's trial).
      shell.type("echo 4ab104c2e9f1d07a5b3c8e6f2a9d0b1c7e5f3a2d")
      shell.press("Enter")
      #expect(shell.waitFor("4ab104c2e9f1d07a5b3c8e6f2a9d0b1c7e5f3a2d\n"))
      shell.press("C-d")
    }
    let history = try String(
      contentsOf: tatsh.folder.appendingPathComponent("state/tatsh/history"), encoding: .utf8)
    #expect(history.contains("inv-q4zp60g0"))
    #expect(!history.contains("secret"))
    #expect(!history.contains("4ab104c2"), "\(history)")
    let shell = try start(tatsh)
    shell.press("Up")
    #expect(shell.waitFor("\(prompt)invocations inv-q4zp60g0 | select id, status"), "\(shell.screen())")
    shell.press("Enter")
    #expect(shell.waitFor("(1 record)"))
    shell.type("commands | count")
    shell.press("Enter")
    #expect(shell.waitFor("(1 record)", times: 2))
    shell.press("C-r")
    shell.type("q4zp")
    #expect(shell.waitFor("bck:q4zp"), "reverse search: \(shell.screen())")
    #expect(shell.screen().contains("\(prompt)invocations inv-q4zp60g0 | select id, status\nbck:q4zp"))
  }

  @Test func aPipelineCanRunOverSeveralLines() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let shell = try start(tatsh)
    shell.type("invocations inv-q4zp60g0 |")
    shell.press("Enter")
    #expect(shell.waitFor("..> "))
    shell.type("tasks |")
    shell.press("Enter")
    shell.type("count")
    shell.press("Enter")
    #expect(shell.waitFor("(1 record)"), "\(shell.screen())")
    #expect(shell.screen().contains("3"))
  }

  /// A condition left open in parentheses goes on on the next line (issue 25's trial).
  @Test func aConditionCanRunOverSeveralLinesInsideParentheses() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let shell = try start(tatsh)
    shell.type("invocations where (status=SUCCESS or")
    shell.press("Enter")
    #expect(shell.waitFor("..> "))
    shell.type("status=FAILED) and id=inv-q4zp60g0 | count")
    shell.press("Enter")
    #expect(shell.waitFor("(1 record)"), "\(shell.screen())")
    #expect(!shell.screen().contains("error"), "\(shell.screen())")
  }

  @Test func ctrlCCancelsASlowPipelineAndThePromptComesBack() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    try tatsh.run(["seed", "--invocations", "5000"])
    let shell = try start(tatsh)
    shell.type("invocations | tasks | count")
    shell.press("Enter")
    usleep(400_000)
    shell.press("C-c")
    #expect(shell.waitFor("cancelled"), "\(shell.screen())")
    #expect(shell.waitFor(prompt, times: 2))
    shell.type("invocations inv-q4zp60g0 | count")
    shell.press("Enter")
    #expect(shell.waitFor("(1 record)"))
  }

  /// Found in a stranger's trial: after the window shrank, tables kept the
  /// old width and wrapped, and the pager kept the old height.
  @Test func tablesFollowTheWindowWhenItIsResized() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let shell = try start(tatsh)
    shell.resize(width: 60, height: 50)
    shell.type("invocations | first 3 | select id, name, status, created, kind")
    shell.press("Enter")
    #expect(shell.waitFor("(3 records)"), "\(shell.screen())")
    // Joined as tmux joins wrapped lines: a row wider than the window is one long line.
    let table = shell.visibleScreen().split(separator: "\n").filter {
      $0.hasPrefix("inv-") || $0.contains("──")
    }
    #expect(table.count == 4, "\(shell.visibleScreen())")
    #expect(table.allSatisfy { $0.count <= 60 }, "the table fits 60 columns: \(shell.visibleScreen())")
  }

  @Test func theStartUpFileRuns() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let config = tatsh.folder.appendingPathComponent("config/tatsh")
    try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
    try "def example = invocations inv-q4zp60g0\nset format jsonl\n".write(
      to: config.appendingPathComponent("config.tatsh"), atomically: true, encoding: .utf8)
    let shell = try start(tatsh)
    shell.type("example | select id")
    shell.press("Enter")
    #expect(shell.waitFor("{\"InvocationId\":\"inv-q4zp60g0\"}"), "\(shell.screen())")
  }

  @Test func anErrorInTheStartUpFileIsReportedAndTheShellStarts() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let config = tatsh.folder.appendingPathComponent("config/tatsh")
    try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
    try "set format jsonl\ninvocations where stauts=FAILED\n".write(
      to: config.appendingPathComponent("config.tatsh"), atomically: true, encoding: .utf8)
    let shell = try start(tatsh)
    #expect(shell.screen().contains("config.tatsh:2:19: error: unknown field 'stauts'"), "\(shell.screen())")
    shell.type("invocations inv-q4zp60g0 | count")
    shell.press("Enter")
    #expect(shell.waitFor("(1 record)"), "\(shell.screen())")
  }

  @Test func timingShowsTimeAndRequests() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let shell = try start(tatsh)
    shell.type("set timing on; invocations | count")
    shell.press("Enter")
    #expect(shell.waitFor(" s, 4 requests)"), "\(shell.screen())")
  }
}

/// Paging, `watch` and the progress line, in tmux.
@Suite(.serialized) struct TmuxOutputTests {
  let prompt = "tatsh[embedded]> "

  @Test func longTablesGoThroughThePagerUnlessItIsOff() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    var environment = tatsh.environment()
    environment["PAGER"] = "sed 's/^/paged: /'"
    let shell = try TmuxSession(command: [TatshBinary.url.path], environment: environment, height: 30)
    #expect(shell.waitFor(prompt))
    shell.type("invocations | select id, status")
    shell.press("Enter")
    #expect(shell.waitFor("paged: (301 records)"), "\(shell.screen())")
    shell.type("invocations | first 3 | select id")
    shell.press("Enter")
    #expect(shell.waitFor("(3 records)"))
    #expect(!shell.screen().contains("paged: (3 records)"))
    shell.type("set pager off; invocations | select id")
    shell.press("Enter")
    #expect(shell.waitFor("\n(301 records)"), "\(shell.screen())")
  }

  @Test func watchRedrawsUntilCtrlC() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let shell = try TmuxSession(command: [TatshBinary.url.path], environment: tatsh.environment())
    #expect(shell.waitFor(prompt))
    shell.type("watch 1s invocations inv-q4zp60g0 | count")
    shell.press("Enter")
    #expect(shell.waitFor("every 1s · "), "\(shell.screen())")
    let first = shell.screen()
    #expect(first.contains("(1 record)"))
    let deadline = Date().addingTimeInterval(10)
    while shell.screen() == first, Date() < deadline { usleep(100_000) }
    #expect(shell.screen() != first, "the header's time moves on")
    shell.press("C-c")
    #expect(shell.waitFor(prompt), "\(shell.screen())")
    shell.type("invocations inv-q4zp60g0 | count")
    shell.press("Enter")
    #expect(shell.waitFor("(1 record)", times: 1))
  }
}

/// `exit N` in the interactive shell ends it with N, as with `-c` and scripts.
@Suite(.serialized) struct ShellExitStatusTests {
  @Test func exitThreeEndsTheShellWithThree() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let shell = try TmuxSession(
      command: ["/bin/sh", "-c", "\(TatshBinary.url.path); echo EXIT=$?"], environment: tatsh.environment())
    #expect(shell.waitFor("tatsh[embedded]> "), "\(shell.screen())")
    shell.type("exit 3")
    shell.press("Enter")
    #expect(shell.waitFor("EXIT=3"), "\(shell.screen())")
  }
}

/// A statement over several lines: Tab knows the pipeline of the lines
/// before, and Ctrl-C on a continuation line drops the whole statement.
@Suite(.serialized) struct ContinuationLineTests {
  let prompt = "tatsh[embedded]> "

  @Test func tabCompletesOnAContinuationLine() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let shell = try TmuxSession(command: [TatshBinary.url.path], environment: tatsh.environment())
    #expect(shell.waitFor(prompt), "\(shell.screen())")
    shell.type("invocations |")
    shell.press("Enter")
    #expect(shell.waitFor("..> "))
    shell.type("whe")
    shell.press("Tab")
    shell.type("statu")
    shell.press("Tab")
    shell.type("=FAI")
    shell.press("Tab")
    #expect(shell.waitFor("..> where status =FAILED "), "\(shell.screen())")
    shell.type("| count")
    shell.press("Enter")
    #expect(shell.waitFor("(1 record)"), "\(shell.screen())")
  }

  @Test func ctrlCOnAContinuationLineDropsTheStatement() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let shell = try TmuxSession(
      command: ["/bin/sh", "-c", "\(TatshBinary.url.path); echo EXIT=$?"], environment: tatsh.environment())
    #expect(shell.waitFor(prompt), "\(shell.screen())")
    shell.type("invocations |")
    shell.press("Enter")
    #expect(shell.waitFor("..> "))
    shell.press("C-c")
    #expect(shell.waitFor("..> ^C\n\(prompt)"), "a fresh prompt: \(shell.screen())")
    shell.type("echo fresh")
    shell.press("Enter")
    #expect(shell.waitFor("fresh\n"))
    shell.press("C-d")
    #expect(shell.waitFor("EXIT=0"), "\(shell.screen())")
    #expect(!shell.screen().contains("error"), "the dropped statement never ran: \(shell.screen())")
  }
}
