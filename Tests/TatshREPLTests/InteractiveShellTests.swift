import Foundation
import TatshTestSupport
import Testing

/// The REPL on a real pseudo-terminal, typed at as a person would.
@Suite(.serialized) struct InteractiveShellTests {
  func startShell(_ tatsh: TatshBinary, columns: UInt16 = 160) throws -> PseudoTerminal {
    let terminal = try PseudoTerminal(
      executable: TatshBinary.url, environment: tatsh.environment(), columns: columns)
    #expect(terminal.waitFor("tatsh[embedded]> "), "no prompt: \(terminal.transcript)")
    return terminal
  }

  @Test func failedTasksShowWithTheirDecodedOutput() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let terminal = try startShell(tatsh)
    #expect(terminal.transcript.contains("seeded it with 301 demo invocations"))
    #expect(
      terminal.transcript.contains(
        "tatsh \(CheckoutVersion.version) on the embedded store \(tatsh.storePath) (301 invocations)"))
    let start = terminal.end
    terminal.type("invocations where status=FAILED | tasks | decode\r")
    #expect(terminal.waitFor("records)", after: start), "\(terminal.transcript[start...])")
    let screen = String(terminal.transcript[start...])
    #expect(screen.contains("TaskId"))
    #expect(screen.contains("FAILED"))
    #expect(
      screen.contains("No space left on device") || screen.contains("Permission denied")
        || screen.contains("command not found"))
    #expect(terminal.waitFor("tatsh[embedded]> ", after: start))
    terminal.type("exit\r")
    #expect(terminal.waitForExit() == 0)
  }

  @Test func anErrorLeavesTheShellRunning() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let terminal = try startShell(tatsh)
    var start = terminal.end
    terminal.type("invocations where stauts=FAILED\r")
    #expect(terminal.waitFor("did you mean 'status'?", after: start))
    #expect(terminal.transcript[start...].contains("error at column 19"))
    start = terminal.end
    terminal.type("invocations inv-q4zp60g0 | count\r")
    #expect(terminal.waitFor("(1 record)", after: start))
    terminal.type("\u{4}")
    #expect(terminal.waitForExit() == 0)
  }

  @Test func historyRecallsThePreviousLine() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let terminal = try startShell(tatsh)
    var start = terminal.end
    terminal.type("invocations inv-q4zp60g0 | select id\r")
    #expect(terminal.waitFor("(1 record)", after: start))
    #expect(terminal.waitFor("tatsh[embedded]> ", after: start))
    start = terminal.end
    terminal.type("\u{1b}[A\r")
    #expect(terminal.waitFor("(1 record)", after: start), "\(terminal.transcript[start...])")
    #expect(terminal.transcript[start...].contains("inv-q4zp60g0"))
    terminal.type("exit\r")
    #expect(terminal.waitForExit() == 0)
  }

  @Test func lineEditingMovesTheCursor() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let terminal = try startShell(tatsh)
    let start = terminal.end
    // Type the end of the pipeline first, then go to the start of the line (Ctrl-A) and insert the source.
    terminal.type("| count\u{1}invocations inv-q4zp60g0 \r")
    #expect(terminal.waitFor("(1 record)", after: start), "\(terminal.transcript[start...])")
    terminal.type("exit\r")
    #expect(terminal.waitForExit() == 0)
  }
}

/// Ctrl-C: it drops the line at the prompt and cancels a running pipeline, never the shell.
@Suite(.serialized) struct InterruptTests {
  @Test func ctrlCAtThePromptDropsTheLine() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let terminal = try PseudoTerminal(executable: TatshBinary.url, environment: tatsh.environment())
    #expect(terminal.waitFor("tatsh[embedded]> "))
    var start = terminal.end
    terminal.type("invocations where sta")
    #expect(terminal.waitFor("sta", after: start))
    start = terminal.end
    terminal.type("\u{3}")
    #expect(terminal.waitFor("^C", after: start))
    #expect(terminal.waitFor("tatsh[embedded]> ", after: start))
    start = terminal.end
    terminal.type("invocations inv-q4zp60g0 | count\r")
    #expect(terminal.waitFor("(1 record)", after: start), "\(terminal.transcript[start...])")
    terminal.type("exit\r")
    #expect(terminal.waitForExit() == 0)
  }

  @Test func ctrlCCancelsTheRunningPipelineAndKeepsTheShell() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    try tatsh.run(["seed", "--invocations", "5000"])
    let terminal = try PseudoTerminal(executable: TatshBinary.url, environment: tatsh.environment())
    #expect(terminal.waitFor("tatsh[embedded]> "))
    var start = terminal.end
    terminal.type("invocations | tasks | count\r")
    #expect(terminal.waitFor("count", after: start))
    usleep(300_000)
    terminal.type("\u{3}")
    #expect(terminal.waitFor("cancelled", after: start), "\(terminal.transcript[start...])")
    #expect(!terminal.transcript[start...].contains("(1 record)"))
    #expect(terminal.waitFor("tatsh[embedded]> ", after: start))
    start = terminal.end
    terminal.type("invocations inv-q4zp60g0 | count\r")
    #expect(terminal.waitFor("(1 record)", after: start))
    terminal.type("exit\r")
    #expect(terminal.waitForExit() == 0)
  }
}
