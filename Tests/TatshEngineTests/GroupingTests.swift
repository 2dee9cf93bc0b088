import Foundation
import Testing

@testable import TatshEngine

/// `group by`, `flatten`, `invocation` and `command`.
@Suite struct GroupingTests {
  @Test func groupCountsAndAggregates() async throws {
    let fixture = try Fixture()
    defer { fixture.remove() }
    let all = try await fixture.allInvocations()
    let result = await fixture.run("invocations | group by status min Timeout max Timeout avg Timeout")
    #expect(result.status == .success, "\(result.errors)")
    for group in result.records {
      let status = try #require(group["InvocationStatus"] as? String)
      let members = all.filter { $0.invocationStatus == status }
      #expect(group["count"] as? Int == members.count)
      let timeouts = members.compactMap(\.timeout)
      #expect(group["min_Timeout"] as? Int == timeouts.min())
      #expect(group["max_Timeout"] as? Int == timeouts.max())
      let average = try #require(group["avg_Timeout"] as? Double)
      #expect(abs(average - Double(timeouts.reduce(0, +)) / Double(timeouts.count)) < 1e-9)
    }
    #expect(result.records.reduce(0) { $0 + ($1["count"] as! Int) } == all.count)
    let bad = await fixture.run("invocations | group by status median duration")
    #expect(bad.errors.contains("expected count, min, max, avg or percent, found 'median'"))
    let shares = await fixture.run("invocations | group by kind percent status failed")
    for group in shares.records {
      let kind = try #require(group["InstanceKind"] as? String)
      let members = all.filter { $0.instanceKind == kind }
      let failed = members.filter { $0.invocationStatus == "FAILED" }.count
      let expected = (Double(failed * 1000) / Double(members.count)).rounded() / 10
      #expect(group["percent_FAILED"] as? Double == expected)
    }
    #expect(shares.records.count == 2)
  }

  @Test func flattenMakesOneRecordPerListItem() async throws {
    let fixture = try Fixture()
    defer { fixture.remove() }
    let result = await fixture.run(
      "invocations inv-q4zp60g0 | flatten tasks | select id, InstanceId, TaskStatus")
    #expect(
      result.records.map { $0["InstanceId"] as? String } == ["ins-zj0f57ew", "ins-zj0f57ex", "ins-zj0f57ev"])
    #expect(result.records.allSatisfy { $0["InvocationId"] as? String == "inv-q4zp60g0" })
    #expect(await fixture.service.log.tasks.isEmpty)
  }

  @Test func invocationGoesFromTasksToTheirInvocationsOnce() async throws {
    let fixture = try Fixture()
    defer { fixture.remove() }
    let result = await fixture.run("invocations inv-q4zp60g0 | tasks | invocation | select id")
    #expect(result.records.map { $0["InvocationId"] as? String } == ["inv-q4zp60g0"])
    let requests = await fixture.service.log.invocations
    #expect(requests.last?.invocationIds == ["inv-q4zp60g0"])
  }

  @Test func commandJoinsEachCommandOnce() async throws {
    let fixture = try Fixture()
    defer { fixture.remove() }
    let result = await fixture.run("invocations | command | select id, Command.CommandName, CommandName")
    #expect(!result.records.isEmpty)
    #expect(
      result.records.allSatisfy {
        ($0["Command.CommandName"] as? String) == ($0["CommandName"] as? String)
          || $0["InvocationId"] as? String == "inv-q4zp60g0"
      })
    let commandRequests = await fixture.service.log.commands
    let askedIds = commandRequests.flatMap { $0.commandIds ?? [] }
    #expect(askedIds.count == Set(askedIds).count)
  }
}

/// Files: `open`, `save` and the `yaml` output.
@Suite struct FileTests {
  func temporaryFolder() throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "tatsh-files-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder
  }

  @Test func saveWritesTheFormatOfItsExtensionAndOpenReadsItBack() async throws {
    let fixture = try Fixture()
    defer { fixture.remove() }
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    for name in ["out.jsonl", "out.json"] {
      let path = folder.appendingPathComponent(name).path
      let saved = await fixture.run("invocations where status=FAILED | save \(path)")
      #expect(saved.status == .success, "\(saved.errors)")
      #expect(saved.output.isEmpty)
      let reopened = await fixture.run("open \(path) | where status=FAILED | count")
      let direct = await fixture.run("invocations where status=FAILED | count")
      #expect(reopened.records.first?["count"] as? Int == direct.records.first?["count"] as? Int)
    }
    let csv = folder.appendingPathComponent("out.csv").path
    _ = await fixture.run("invocations inv-q4zp60g0 | select id, status | save \(csv)")
    #expect(
      try String(contentsOfFile: csv, encoding: .utf8)
        == "InvocationId,InvocationStatus\r\ninv-q4zp60g0,SUCCESS\r\n")
  }

  @Test func aFailedSaveLeavesTheOldFileIntact() async throws {
    let fixture = try Fixture()
    defer { fixture.remove() }
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("report.json").path
    try "old contents".write(toFile: path, atomically: true, encoding: .utf8)
    let result = await fixture.run("invocations inv-BROKEN | save \(path)")
    #expect(result.status == .failure)
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "old contents")
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["report.json"])
  }

  @Test func openNamesTheLineOfMalformedJSON() async throws {
    let fixture = try Fixture()
    defer { fixture.remove() }
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("records.jsonl").path
    try "{\"a\":1}\n\n{\"a\":2}\n{\"a\": oops}\n".write(toFile: path, atomically: true, encoding: .utf8)
    let result = await fixture.run("open \(path) | count")
    #expect(result.status == .failure)
    #expect(result.errors.contains("\(path):4: malformed JSON"))
    let missing = await fixture.run("open \(folder.path)/nothing.json")
    #expect(missing.status == .usage)
    #expect(missing.errors.contains("cannot open"))
  }

  @Test func openStreamsLargeJSONLinesFiles() async throws {
    let fixture = try Fixture(invocations: 10)
    defer { fixture.remove() }
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("many.jsonl").path
    let line =
      "{\"InvocationTaskId\":\"invt-00000000\",\"TaskStatus\":\"FAILED\",\"Pad\":\"\(String(repeating: "x", count: 300))\"}\n"
    try String(repeating: line, count: 20_000).write(toFile: path, atomically: true, encoding: .utf8)
    let result = await fixture.run("open \(path) | where status=FAILED | count")
    #expect(result.records.first?["count"] as? Int == 20_000)
  }

  @Test func yamlWritesBlocksAndQuotesWhatNeedsIt() {
    let record = Record([
      Record.Field("Output", .string("line one\nline two\n")),
      Record.Field("Time", .string("2020-11-09T07:21:59+00:00")),
      Record.Field("Empty", .string("")),
      Record.Field("Flag", .string("true")),
      Record.Field("Code", .int(0)),
      Record.Field("Nested", .object(Record([Record.Field("List", .array([.string("a"), .null]))]))),
    ])
    #expect(
      YAMLWriter.document([record]) == """
        - Output: |
            line one
            line two
          Time: "2020-11-09T07:21:59+00:00"
          Empty: ""
          Flag: "true"
          Code: 0
          Nested:
            List:
              - a
              - null

        """)
  }
}

/// What a second stranger's trial found: names that meant something else
/// after a stage, and a file `open` cannot read.
@Suite struct SecondTrialTests {
  @Test func afterCommandTheAliasCommandStillMeansCommandId() async throws {
    let fixture = try Fixture()
    defer { fixture.remove() }
    let filtered = await fixture.run(
      "invocations inv-q4zp60g0 | command | where command=cmd-9dxzty3m | count")
    #expect(filtered.output == #"{"count":1}"# + "\n", "\(filtered.errors)")
    let selected = await fixture.run(
      "invocations inv-q4zp60g0 | command | select id, command, Command.CreatedBy")
    #expect(
      selected.output
        == #"{"InvocationId":"inv-q4zp60g0","CommandId":"cmd-9dxzty3m","Command.CreatedBy":"USER"}"# + "\n")
    let joined = await fixture.run(
      "invocations inv-q4zp60g0 | command | select Command | get Command.CommandName")
    #expect(joined.output == #"{"value":"print-working-directory"}"# + "\n", "\(joined.errors)")
  }

  @Test func openSaysItReadsJSONWhenGivenAnotherFormat() async throws {
    let fixture = try Fixture()
    defer { fixture.remove() }
    for (file, kind) in [("report.csv", "CSV"), ("report.yaml", "YAML"), ("notes.txt", "plain text")] {
      let result = await fixture.run("open \(file) | count")
      #expect(result.status == .usage)
      #expect(
        result.errors.contains(
          "open reads JSON or JSON Lines, not .\(file.split(separator: ".")[1]) (\(kind))"),
        "\(result.errors)")
    }
  }
}
