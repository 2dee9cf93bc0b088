import Foundation
import TatshTestSupport
import Testing

/// Which tatsh this is, wherever a user or a server would look: `--version`,
/// `--verbose`, the User-Agent of its requests; and the commands' help.
@Suite struct VersionTests {
  @Test func versionNamesTheVersionFileAndTheCommit() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let expected = try CheckoutVersion.lineStart()
    for arguments in [["--version"], ["seed", "--version"]] {
      let result = try tatsh.run(arguments)
      #expect(result.status == 0, "\(arguments): \(result.standardError)")
      #expect(result.standardOutput.hasPrefix(expected), "\(arguments): \(result.standardOutput)")
      #expect(result.standardOutput.hasSuffix(")\n"))
    }
    #expect(!FileManager.default.fileExists(atPath: tatsh.storePath), "--version opened the store")
  }

  @Test func verboseSaysWhichTatshAsksAndTheServerLogsItsUserAgent() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let log = tatsh.folder.appendingPathComponent("access.jsonl")
    let (server, port) = try tatsh.startServer([
      "--secret-id", "AKIDagent", "--secret-key", "agent-key", "--access-log", log.path,
    ])
    let asked = try tatsh.run(
      [
        "--verbose", "--endpoint", "http://127.0.0.1:\(port)", "--region", "ap-guangzhou", "-c",
        "invocations | count",
      ],
      environment: ["TENCENTCLOUD_SECRET_ID": "AKIDagent", "TENCENTCLOUD_SECRET_KEY": "agent-key"])
    server.terminate()
    server.waitUntilExit()
    #expect(asked.status == 0, "\(asked.standardError)")
    let first = asked.standardError.split(separator: "\n").first.map(String.init) ?? ""
    #expect(first.hasPrefix("tatsh: " + (try CheckoutVersion.lineStart())), "\(asked.standardError)")
    #expect(first.contains("http://127.0.0.1:\(port) (ap-guangzhou)"), "\(first)")
    let requests = try String(contentsOf: log, encoding: .utf8).split(separator: "\n")
    #expect(!requests.isEmpty)
    for request in requests {
      #expect(request.contains("\"UserAgent\":\"tatsh/\(CheckoutVersion.version)\""), "\(request)")
    }
  }

  @Test func helpListsTheCommandsAndEachHasItsOwn() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let help = try tatsh.run(["--help"])
    #expect(help.status == 0)
    #expect(help.standardOutput.contains("USAGE: tatsh [<options>] [-c <pipeline> | <script> [<args> ...]]"))
    for command in ["seed", "serve", "instances", "config", "plugins"] {
      #expect(help.standardOutput.contains("\n  \(command) "), "--help lacks \(command)")
    }
    #expect(!help.standardOutput.contains("runner"), "runner is tatsh's own, not for people")
    #expect(help.standardOutput.contains("--version"))

    for arguments in [["help", "seed"], ["seed", "--help"]] {
      let seed = try tatsh.run(arguments)
      #expect(seed.status == 0, "\(arguments)")
      #expect(seed.standardOutput.contains("USAGE: tatsh seed "), "\(arguments): \(seed.standardOutput)")
    }
    #expect(try tatsh.run(["help"]).standardOutput == help.standardOutput)

    let language = try tatsh.run(["help", "where"])
    #expect(language.status == 2)
    #expect(language.standardError.contains("where is not a command of tatsh"), "\(language.standardError)")
    #expect(language.standardError.contains("tatsh -c 'help where'"))
    #expect(
      try tatsh.run(["help", "doctr"]).standardError.contains("did you mean doctor? for the language's help"))

    let misspelt = try tatsh.run(["sevre"])
    #expect(misspelt.status == 2)
    #expect(
      misspelt.standardError.contains("cannot read the script sevre; did you mean the command serve?"),
      "\(misspelt.standardError)")

    let wrong = try tatsh.run(["serve", "--port", "99999"])
    #expect(wrong.status == 2)
    #expect(wrong.standardError.contains("Usage: tatsh serve"), "\(wrong.standardError)")
    #expect(!FileManager.default.fileExists(atPath: tatsh.storePath))
  }

  /// The man page is made from this (generate-manual), which drops what is not ASCII: a trial
  /// found doctor's marks gone from its page.
  @Test func theHelpTheManPageIsMadeFromIsASCII() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let dump = try tatsh.run(["--experimental-dump-help"])
    #expect(dump.status == 0)
    #expect(dump.standardOutput.contains("\"commandName\" : \"doctor\""))
    let foreign = dump.standardOutput.unicodeScalars.filter { !$0.isASCII }
    #expect(foreign.isEmpty, "\(String(String.UnicodeScalarView(foreign)))")
  }
}
