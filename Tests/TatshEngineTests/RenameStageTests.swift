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

/// What a stranger's trial of `rename` found: a renamed field keeps what
/// the kind knows of it, and nothing else is lost or silently wrong.
@Suite struct RenameKeepsWhatTheKindKnowsTests {
  @Test func computedFieldsAndEnumeratedValuesSurviveARename() async throws {
    let fixture = try Fixture()
    defer { fixture.remove() }
    let plain = await fixture.run("invocations where status=SUCCESS | where duration > 10 | count")
    let renamed = await fixture.run(
      "invocations where status=SUCCESS | rename id to x | where duration > 10 | count")
    #expect(renamed.output == plain.output, "\(renamed.errors)")
    let failed = await fixture.run("invocations where status=FAILED | count")
    let lowerCase = await fixture.run("invocations | rename status to st | where st=failed | count")
    #expect(lowerCase.output == failed.output, "a value of the field is spelt as the API spells it")
    #expect(!failed.output.contains(#""count":0"#))
    let misspelt = await fixture.run("invocations | rename status to st | where st=FAILD | count")
    #expect(misspelt.status == .usage)
    #expect(misspelt.errors.contains("did you mean 'FAILED'?"), "\(misspelt.errors)")
  }

  @Test func renamesApplyInOrderAndAFieldIsRenamedOnce() async throws {
    let fixture = try Fixture()
    defer { fixture.remove() }
    let chained = await fixture.run("invocations inv-q4zp60g0 | rename id to x, x to y | select y")
    #expect(chained.output == #"{"y":"inv-q4zp60g0"}"# + "\n", "\(chained.errors)")
    let twice = await fixture.run("invocations | rename id to x, id to y")
    #expect(twice.errors.contains("'id' was renamed to 'x' before here"), "\(twice.errors)")
    let old = await fixture.run("invocations | rename status to state | select id, status")
    #expect(old.errors.contains("'status' was renamed to 'state' before here"), "\(old.errors)")
    let alias = await fixture.run("invocations | rename id to status")
    #expect(alias.errors.contains("'status' already names InvocationStatus here"), "\(alias.errors)")
    let computed = await fixture.run("invocations | rename duration to d")
    #expect(computed.errors.contains("'duration' is computed"), "\(computed.errors)")
  }

  @Test func stagesThatNeedARenamedFieldSaySoAndDecodeFollowsIt() async throws {
    let fixture = try Fixture()
    defer { fixture.remove() }
    let lookup = await fixture.run("tasks | first 2 | rename invocation to i | invocation")
    #expect(lookup.status == .usage)
    #expect(lookup.errors.contains("'invocation' needs tasks"), "\(lookup.errors)")
    let join = await fixture.run("invocations inv-q4zp60g0 | rename command to c | command")
    #expect(join.errors.contains("'command' needs records with a CommandId"), "\(join.errors)")
    let regions = await fixture.run("regions | command")
    #expect(regions.errors.contains("'command' needs records with a CommandId"), "\(regions.errors)")
    let cancel = await fixture.run("invocations | rename status to state | cancel")
    #expect(cancel.errors.contains("put it before select, rename"), "\(cancel.errors)")
    let decoded = await fixture.run("invocations inv-q4zp60g0 | rename content to c | decode | select c")
    #expect(decoded.output == #"{"c":"pwd"}"# + "\n", "\(decoded.errors)")
  }

  @Test func aTableKeepsTheKindsColumnsUnderTheirNewNames() async throws {
    let fixture = try Fixture()
    defer { fixture.remove() }
    // The example has no CommandName, and a table leaves out an empty column.
    let terminal = Terminal(isInteractive: true, width: 200)
    let table = await fixture.run(
      "invocations inv-q4zp60g0 | rename status to state | table", terminal: terminal)
    let header = try #require(table.output.split(separator: "\n").first)
    #expect(
      header.split(separator: " ", omittingEmptySubsequences: true)
        == ["InvocationId", "state", "Kind", "Tasks", "Created"], "\(table.output)")
    #expect(table.output.contains("SUCCESS"))
  }
}
