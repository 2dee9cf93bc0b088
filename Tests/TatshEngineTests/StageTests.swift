import Foundation
import Testing

@testable import TatshEngine

/// The client-side stages and renderers.
@Suite struct StageTests {
  @Test func decodeTurnsBase64IntoTextAndNeverCrashes() {
    let invalidUTF8 = Data([0xFF, 0xFE, 0x61]).base64EncodedString()
    let record = Record([
      Record.Field("TaskResult", .object(Record([Record.Field("Output", .string(invalidUTF8))]))),
      Record.Field("CommandDocument", .object(Record([Record.Field("Content", .string("not base64!"))]))),
    ])
    let decoded = RecordTransforms.decode(
      record, paths: [["TaskResult", "Output"], ["CommandDocument", "Content"]])
    #expect(decoded.value(at: ["TaskResult", "Output"]) == .string("\u{FFFD}\u{FFFD}a"))
    #expect(decoded.value(at: ["CommandDocument", "Content"]) == .string("not base64!"))
  }

  @Test func decodedOutputOfTheFixtureIsText() async throws {
    let fixture = try Fixture()
    defer { fixture.remove() }
    let result = await fixture.run("invocations inv-q4zp60g0 | tasks | decode | select output, content")
    #expect(result.records.count == 3)
    #expect(result.records.allSatisfy { $0["TaskResult.Output"] as? String == "/root\n" })
    #expect(result.records.allSatisfy { $0["CommandDocument.Content"] as? String == "pwd" })
  }

  @Test func conditionsCompareNumbersTimesAndPatterns() async throws {
    let fixture = try Fixture()
    defer { fixture.remove() }
    let notFound = await fixture.run("tasks where exit = 127 | select exit, output | decode")
    #expect(!notFound.records.isEmpty)
    #expect(notFound.records.allSatisfy { $0["TaskResult.ExitCode"] as? Int == 127 })
    let early = await fixture.run("invocations where created < 2020-12-01 | select id")
    #expect(early.records.map { $0["InvocationId"] as? String } == ["inv-q4zp60g0"])
    let pattern = await fixture.run(
      "invocations where name ~ '^TAT_' and not (kind = CVM) | select name, kind")
    #expect(!pattern.records.isEmpty)
    #expect(
      pattern.records.allSatisfy {
        ($0["CommandName"] as! String).hasPrefix("TAT_") && $0["InstanceKind"] as? String == "LIGHTHOUSE"
      })
  }

  @Test func tableFitsItsWidthAndShowsLinesOfMultiLineCells() {
    let records = (1...3).map { index in
      Record([
        Record.Field("id", .string("inv-\(index)")),
        Record.Field("output", .string("first line of a very long output text \(index)\nsecond line")),
      ])
    }
    let text = TableRenderer(columns: TableColumn.union(of: records), width: 30).render(records)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
    #expect(lines.allSatisfy { $0.count <= 30 })
    #expect(text.contains("second line"))
    #expect(text.contains("…"))
    #expect(lines.last == "(3 records)")
  }

  @Test func jsonKeepsFieldOrderAndRoundTrips() throws {
    let text = #"{"b":1,"a":[true,null,2.5,"x\n\u00e9"],"c":{"z":{},"y":[]}}"#
    let value = try JSONReader.value(from: Array(text.utf8))
    #expect(ValueJSON.compact(value) == #"{"b":1,"a":[true,null,2.5,"x\né"],"c":{"z":{},"y":[]}}"#)
    #expect(throws: (any Error).self) { try JSONReader.value(from: Array(#"{"a":1,}"#.utf8)) }
  }

  @Test func apiRecordsKeepTheApiFieldOrder() async throws {
    let fixture = try Fixture()
    defer { fixture.remove() }
    let result = await fixture.run("invocations inv-q4zp60g0")
    #expect(result.output.hasPrefix(#"{"InvocationId":"inv-q4zp60g0","CommandId":"cmd-9dxzty3m","#))
  }
}

/// Cancelling the task that runs a pipeline stops it between pages.
@Suite struct CancellationTests {
  @Test func aCancelledRunSaysSoAndStopsAsking() async throws {
    let fixture = try Fixture(invocations: 1_000)
    defer { fixture.remove() }
    let service = fixture.service
    let task = Task {
      let errors = TextBuffer()
      let session = Session(
        service: service, output: TextBuffer(), errors: errors,
        terminal: Terminal(isInteractive: false, width: nil))
      return (await session.run("invocations | tasks | count", origin: "test"), errors.text)
    }
    task.cancel()
    let (status, errors) = await task.value
    #expect(status == .cancelled)
    #expect(errors == "cancelled\n")
    #expect(await fixture.service.log.tasks.count <= 1)
  }
}
