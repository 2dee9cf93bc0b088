import Foundation
import TatshTestSupport
import Testing

/// `run` at the prompt: the live status line while it waits, and on the
/// cloud backend a question before anything is changed.
@Suite(.serialized) struct RunInTheShellTests {
  @Test func runShowsALiveStatusLineThenTheTasks() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let shell = try TmuxSession(command: [TatshBinary.url.path], environment: tatsh.environment())
    #expect(shell.waitFor("tatsh[embedded]> "), "\(shell.screen())")
    shell.type(
      "run 'sleep 2; echo done' on mi-local001, mi-local002 | decode | select instance, status, output")
    shell.press("Enter")
    #expect(shell.waitFor("0 of 2 tasks done", seconds: 5), "the live line: \(shell.screen())")
    #expect(shell.waitFor("(2 records)", seconds: 10), "\(shell.screen())")
    let screen = shell.screen()
    #expect(screen.contains("mi-local001") && screen.contains("SUCCESS") && screen.contains("done"))
    #expect(!screen.contains("tasks done ·"), "the live line is wiped: \(screen)")
  }

  @Test func theCloudBackendAsksAtTheTerminalBeforeRunning() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let (server, port) = try tatsh.startServer([
      "--secret-id", "AKIDask", "--secret-key", "ask-key", "--allow-run",
    ])
    defer {
      server.terminate()
      server.waitUntilExit()
    }
    let shell = try TmuxSession(
      command: [TatshBinary.url.path, "--endpoint", "http://127.0.0.1:\(port)"],
      environment: tatsh.environment([
        "TENCENTCLOUD_SECRET_ID": "AKIDask", "TENCENTCLOUD_SECRET_KEY": "ask-key",
      ]))
    #expect(shell.waitFor("tatsh[cloud]> "), "\(shell.screen())")
    // Issue 21: the banner and the question name the SecretId masked, and where it came from.
    #expect(
      shell.screen().contains("as ****, from environment (TENCENTCLOUD_SECRET_ID)"), "\(shell.screen())")
    shell.type("run 'echo asked' on mi-local002 | decode | select output")
    shell.press("Enter")
    #expect(shell.waitFor("Go ahead? [y/N]"), "\(shell.screen())")
    #expect(shell.screen().contains("on http://127.0.0.1:\(port) as ****. Go ahead?"), "\(shell.screen())")
    #expect(!shell.screen().contains("AKIDask"), "\(shell.screen())")
    #expect(shell.screen().contains("RunCommand 'echo asked' on 1 instance (mi-local002)"))
    shell.type("n")
    shell.press("Enter")
    #expect(shell.waitFor("not done: RunCommand 'echo asked'"), "\(shell.screen())")
    shell.type("run 'echo asked' on mi-local002 | decode | select output")
    shell.press("Enter")
    #expect(shell.waitFor("Go ahead? [y/N]", times: 2), "\(shell.screen())")
    shell.type("y")
    shell.press("Enter")
    #expect(shell.waitFor("(1 record)"), "\(shell.screen())")
    #expect(shell.screen().contains("asked"))
  }
}
