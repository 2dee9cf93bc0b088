import Foundation
import TatshTestSupport
import Testing

/// `tatsh seed`.
@Suite struct SeedCommandTests {
  @Test func sameSeedGivesTheSameData() throws {
    let first = TatshBinary()
    let second = TatshBinary()
    defer {
      first.removeStore()
      second.removeStore()
    }
    let arguments = ["seed", "--invocations", "40", "--seed", "7", "--end-time", "2026-11-01T00:00:00Z"]
    let seeded = try first.run(arguments)
    #expect(seeded.status == 0)
    #expect(
      seeded.standardOutput.contains("41 invocations (40 generated and the worked example inv-q4zp60g0)"))
    try second.run(arguments)
    let pipeline = ["-c", "invocations | tasks"]
    let a = try first.run(pipeline).standardOutput
    #expect(!a.isEmpty)
    #expect(a == (try second.run(pipeline).standardOutput))
  }

  @Test func seedRefusesAFullStoreUnlessReplacing() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    try tatsh.run(["seed", "--invocations", "10"])
    let refused = try tatsh.run(["seed", "--invocations", "10"])
    #expect(refused.status == 1)
    #expect(refused.standardError.contains("already holds 11 invocations; add --replace"))
    let replaced = try tatsh.run(["seed", "--invocations", "5", "--replace"])
    #expect(replaced.status == 0)
    #expect(try tatsh.run(["-c", "invocations | count"]).standardOutput == "{\"count\":6}\n")
  }

  @Test func badArgumentsAreUsageErrors() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let tooMany = try tatsh.run(["seed", "--invocations", "99999999"])
    #expect(tooMany.status == 2)
    #expect(tooMany.standardError.contains("--invocations"))
    let badTime = try tatsh.run(["seed", "--end-time", "yesterday"])
    #expect(badTime.status == 2)
    #expect(badTime.standardError.contains("--end-time"))
  }
}
