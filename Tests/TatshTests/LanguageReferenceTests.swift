import Foundation
import TatshTestSupport
import Testing

/// docs/LANGUAGE.md must not rot: each ```tatsh example, run by the binary
/// on the documented demo store, prints exactly its ```output block.
@Suite struct LanguageReferenceTests {
  struct Example: CustomStringConvertible {
    var program: String
    var output: String
    var description: String { program }
  }

  static func examples() throws -> [Example] {
    let page = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("docs/LANGUAGE.md")
    let text = try String(contentsOf: page, encoding: .utf8)
    var examples: [Example] = []
    var rest = text[...]
    while let start = rest.range(of: "```tatsh\n") {
      let body = rest[start.upperBound...]
      guard let end = body.range(of: "```\n\n```output\n") else { break }
      let output = body[end.upperBound...]
      guard let close = output.range(of: "```") else { break }
      examples.append(
        Example(program: String(body[..<end.lowerBound]), output: String(output[..<close.lowerBound])))
      rest = output[close.upperBound...]
    }
    return examples
  }

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
