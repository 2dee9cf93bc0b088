import Foundation
import Testing

@testable import TatshEngine

/// `reject`, `sort`, `skip`, `last`, `uniq`, `get` and the `csv` and `text` outputs.
@Suite struct TransformTests {
  @Test func sortOrdersNumbersAsNumbersAndKeepsTies() async throws {
    let fixture = try Fixture()
    defer { fixture.remove() }
    let result = await fixture.run("tasks | sort by exit desc, id | select exit, id")
    let exits = result.records.compactMap { $0["TaskResult.ExitCode"] as? Int }
    #expect(exits.first == 127)
    #expect(exits == exits.sorted(by: >))
    let missingLast = result.records.last.map { $0["TaskResult.ExitCode"] is NSNull } ?? false
    #expect(missingLast)
    let oldest = await fixture.run("invocations | sort by created | first 1 | select id")
    #expect(oldest.records.first?["InvocationId"] as? String == "inv-q4zp60g0")
  }

  @Test func skipLastAndUniq() async throws {
    let fixture = try Fixture()
    defer { fixture.remove() }
    let all = try await fixture.allInvocations().map(\.invocationId)
    let skipped = await fixture.run("invocations | skip 295 | select id")
    #expect(skipped.records.map { $0["InvocationId"] as! String } == Array(all.suffix(all.count - 295)))
    let last = await fixture.run("invocations | last 2 | select id")
    #expect(last.records.map { $0["InvocationId"] as! String } == Array(all.suffix(2)))
    let kinds = await fixture.run("invocations | uniq kind | get kind")
    #expect(Set(kinds.records.compactMap { $0["value"] as? String }) == ["CVM", "LIGHTHOUSE"])
    #expect(kinds.records.count == 2)
  }

  @Test func rejectDropsFields() async throws {
    let fixture = try Fixture()
    defer { fixture.remove() }
    let result = await fixture.run("invocations inv-q4zp60g0 | reject tasks, content, CommandName")
    let record = try #require(result.records.first)
    #expect(record["InvocationTaskBasicInfoSet"] == nil)
    #expect(record["CommandContent"] == nil)
    #expect(record["InvocationId"] as? String == "inv-q4zp60g0")
    let afterReject = await fixture.run("invocations | reject status | where status=FAILED")
    #expect(afterReject.errors.contains("unknown field 'status'"))
  }

  @Test func csvQuotesWhatNeedsQuoting() {
    let records = [
      Record([Record.Field("a", .string("plain")), Record.Field("b", .string("x, \"y\"\nz"))]),
      Record([Record.Field("a", .int(3)), Record.Field("c", .array([.int(1)]))]),
    ]
    #expect(CSVWriter.document(records) == "a,b,c\r\nplain,\"x, \"\"y\"\"\nz\",\r\n3,,[1]\r\n")
  }

  @Test func textPrintsRawValues() async throws {
    let fixture = try Fixture()
    defer { fixture.remove() }
    let result = await fixture.run("invocations inv-q4zp60g0 | tasks | decode | get output | text")
    #expect(result.output == "/root\n\n/root\n\n/root\n\n")
  }
}
