import Foundation
import TatshTestSupport
import Testing

/// Long output through the pager, read to its end as a person reads it:
/// the space bar pages, the last record and the footer appear, q leaves,
/// and the exit status is right. (The pager once ran in a session of its
/// own, had no terminal to read keys from, and quit after one screen: the
/// rest of the output was lost.)
@Suite(.serialized) struct PagerTests {
  func environment(_ tatsh: TatshBinary) -> [String: String] {
    var environment = tatsh.environment()
    environment.removeValue(forKey: "PAGER")
    environment.removeValue(forKey: "LESS")
    return environment
  }

  @Test func threeHundredRecordsArePagedToTheirEndWithTheSpaceBar() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let shell = try TmuxSession(
      command: [
        "/bin/sh", "-c", "\(TatshBinary.url.path) -c 'invocations | select id, status'; echo EXIT=$?",
      ], environment: environment(tatsh), width: 100, height: 40)
    #expect(shell.waitFor("inv-"), "\(shell.screen())")
    #expect(!shell.screen().contains("EXIT="), "tatsh ended before the pager was read: \(shell.screen())")
    for _ in 0..<12 where !shell.screen().contains("(END)") {
      shell.press("Space")
      usleep(200_000)
    }
    #expect(shell.waitFor("(END)"), "\(shell.screen())")
    // The oldest invocation, the API page's worked example, is the last record; then the footer.
    #expect(shell.screen().contains("inv-q4zp60g0  SUCCESS\n(301 records)"), "\(shell.screen())")
    shell.press("q")
    #expect(shell.waitFor("EXIT=0"), "\(shell.screen())")
  }

  @Test func theShellWaitsForThePagerAndGivesItTheKeys() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let shell = try TmuxSession(
      command: [TatshBinary.url.path], environment: environment(tatsh), width: 100, height: 40)
    #expect(shell.waitFor("tatsh[embedded]> "), "\(shell.screen())")
    shell.type("invocations | select id, status")
    shell.press("Enter")
    #expect(shell.waitFor("inv-"))
    for _ in 0..<12 where !shell.screen().contains("(END)") {
      shell.press("Space")
      usleep(200_000)
    }
    #expect(shell.screen().contains("inv-q4zp60g0  SUCCESS\n(301 records)"), "\(shell.screen())")
    shell.press("q")
    shell.type("echo after")
    shell.press("Enter")
    #expect(shell.waitFor("tatsh[embedded]> echo after\nafter\n"), "the prompt is back: \(shell.screen())")
  }
}
