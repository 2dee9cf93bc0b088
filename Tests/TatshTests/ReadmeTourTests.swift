import Foundation
import TatshTestSupport
import Testing

/// The README's one-minute tour is true: every line of it runs on a fresh
/// demo store and finds something.
@Suite struct ReadmeTourTests {
  static var tour: [String] {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
    let readme = (try? String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)) ?? ""
    guard let start = readme.range(of: "## A one-minute tour\n\n```text\n"),
      let end = readme.range(of: "\n```", range: start.upperBound..<readme.endIndex)
    else { return [] }
    return readme[start.upperBound..<end.lowerBound].split(separator: "\n").map { line in
      let code = line.range(of: "  #").map { line[..<$0.lowerBound] } ?? line[...]
      return code.trimmingCharacters(in: .whitespaces)
    }
  }

  @Test func theTourHasItsLines() {
    #expect(Self.tour.count >= 8)
    #expect(Self.tour.contains { $0.contains("| agent |") })
  }

  @Test(arguments: tour)
  func eachLineOfTheTourRuns(_ pipeline: String) throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let result = try tatsh.run(["-c", pipeline])
    #expect(result.status == 0, "\(pipeline): \(result.standardError)")
    #expect(!result.standardOutput.isEmpty, "\(pipeline) found nothing")
  }
}
