import Foundation
import TatshTestSupport
import Testing

/// The seed page's worked example, through the real binary.
@Suite struct SeedExampleTests {
  @Test func jsonOutputHasEveryFieldAndValueOfTheSeedPage() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let result = try tatsh.run(["-c", "invocations inv-q4zp60g0 | json"])
    #expect(result.status == 0, "\(result.standardError)")
    let printed = try #require(
      try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [[String: Any]])
    #expect(printed.count == 1)
    let invocation = try #require(printed.first)
    let expected = SeedPage.exampleInvocation
    #expect(expected.count == 20)
    for (field, value) in expected {
      let actual = try #require(invocation[field], "field \(field) is missing")
      #expect(SeedPage.canonical(actual) == SeedPage.canonical(value), "field \(field)")
    }
  }

  @Test func theSeedRequestAnswersWithTotalCountOne() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let result = try tatsh.run(["-c", "invocations inv-q4zp60g0 | count"])
    #expect(result.standardOutput == "{\"count\":1}\n")
  }
}
