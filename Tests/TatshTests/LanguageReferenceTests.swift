import Foundation
import TatshTestSupport
import Testing

/// docs/LANGUAGE.md must not rot: each ```tatsh example, run by the binary
/// on the documented demo store, prints exactly its ```output block.
@Suite struct LanguageReferenceTests {
  typealias Example = LanguagePage.Example

  static func examples() throws -> [Example] { try LanguagePage.examples() }

  @Test func everyExamplePrintsWhatThePageSays() throws {
    let examples = try Self.examples()
    #expect(examples.count >= 25)
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let seeded = try tatsh.run(["seed", "--end-time", "2026-11-29T00:00:00Z"])
    #expect(seeded.status == 0)
    for example in examples {
      let result = try tatsh.run(["-c", example.program])
      #expect(result.status == 0, "\(example.program)\n\(result.standardError)")
      // The page keeps one kind of line end; CSV's CRLF is checked where CSV is tested.
      let printed = result.standardOutput.replacingOccurrences(of: "\r\n", with: "\n")
      #expect(printed == example.output, "\(example.program)")
    }
  }

  @Test func everyStageHasAnExampleOnThePage() throws {
    let programs = try Self.examples().map(\.program).joined(separator: "\n")
    let stages = [
      "invocations", "tasks", "commands", "open", "from json", "where", "decode", "select", "reject",
      "sort by",
      "first", "skip", "last", "uniq", "group by", "get", "flatten", "count", "invocation", "command",
      "table",
      "jsonl", "csv", "yaml", "text", "save", "let", "def", "set", "echo", "exit", "explain", "help",
    ]
    for stage in stages where stage != "from json" && stage != "jsonl" {
      #expect(programs.contains(stage), "no example of \(stage)")
    }
  }
}
