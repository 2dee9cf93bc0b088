import Foundation
import Testing

@testable import TatshEngine

/// `rename FIELD to NAME, …`: top-level fields under new names, in place.
@Suite struct RenameStageTests {
  @Test func fieldsTakeTheirNewNamesInPlace() async throws {
    let fixture = try Fixture()
    defer { fixture.remove() }
    let narrowed = await fixture.run("invocations inv-q4zp60g0 | select id, status | rename status to state")
    #expect(
      narrowed.output == #"{"InvocationId":"inv-q4zp60g0","state":"SUCCESS"}"# + "\n", "\(narrowed.errors)")
    let whole = await fixture.run("invocations inv-q4zp60g0 | rename id to invocation, status to state")
    #expect(whole.output.hasPrefix(#"{"invocation":"inv-q4zp60g0","CommandId":"#), "\(whole.output)")
    #expect(whole.output.contains(#""state":"SUCCESS""#))
    #expect(!whole.output.contains("InvocationStatus"))
  }

  @Test func laterStagesUseTheNewNameAndTheOtherAliasesStillWork() async throws {
    let fixture = try Fixture()
    defer { fixture.remove() }
    let after = await fixture.run("invocations inv-q4zp60g0 | rename status to state | select id, state")
    #expect(after.output == #"{"InvocationId":"inv-q4zp60g0","state":"SUCCESS"}"# + "\n", "\(after.errors)")
    let old = await fixture.run("invocations | rename status to state | where status=FAILED")
    #expect(old.status == .usage)
    #expect(old.errors.contains("'status'"), "\(old.errors)")
  }

  @Test func mistakesAreNamedWhereTheyAre() async throws {
    let fixture = try Fixture()
    defer { fixture.remove() }
    let cases: [(String, String)] = [
      ("invocations | rename status", "'rename' is written 'rename FIELD to NAME'"),
      ("invocations | rename status to", "'to' needs the new name"),
      ("invocations | rename status as state", "'rename' is written 'rename FIELD to NAME'"),
      ("tasks | rename exit to code", "renames top-level fields, and TaskResult.ExitCode is inside another"),
      (
        "invocations | select id, status | rename status to InvocationId",
        "already have a field 'InvocationId'"
      ),
      ("invocations | rename status to 'two words'", "'two words' cannot be a field name"),
      ("invocations | rename stauts to state", "unknown field 'stauts'"),
    ]
    for (program, message) in cases {
      let result = await fixture.run(program)
      #expect(result.status == .usage, "\(program)")
      #expect(result.errors.contains(message), "\(program): \(result.errors)")
    }
    let nested = await fixture.run("tasks | select exit | rename exit to code | first 1")
    #expect(nested.status == .success, "a selected path is a top-level field: \(nested.errors)")
  }

  @Test func explainShowsItAndAFirstAfterItStillBoundsTheSource() throws {
    let plan = try #require(try Session.plans(for: "invocations | rename status to state | first 2").first)
    #expect(plan.explanation.contains("rename: InvocationStatus to state\n"))
    #expect(plan.explanation.hasPrefix("DescribeInvocations: Limit=2 "), "\(plan.explanation)")
  }
}
