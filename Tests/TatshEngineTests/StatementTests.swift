import Foundation
import Testing

@testable import TatshEngine

/// `explain`, `let`, `set`, `echo` and `exit`.
@Suite struct StatementTests {
  @Test func explainShowsThePlanAndAsksNothing() async throws {
    let fixture = try Fixture()
    defer { fixture.remove() }
    let result = await fixture.run(
      "explain invocations where command-created-by=TAT and status=FAILED | tasks | where status=FAILED | first 5"
    )
    #expect(result.status == .success)
    let lines = result.output.split(separator: "\n").map(String.init)
    #expect(
      lines.first?.hasPrefix("DescribeInvocations: Filters: command-created-by=[TAT], Limit=100") == true)
    #expect(lines.contains("where (client-side): InvocationStatus = FAILED"))
    #expect(
      lines.contains {
        $0.hasPrefix("tasks: DescribeInvocationTasks") && $0.hasSuffix("TaskStatus = FAILED are asked for")
      })
    #expect(lines.contains("first 5: stops asking once 5 records are in"))
    #expect(await fixture.service.log.invocations.isEmpty)
    #expect(await fixture.service.log.tasks.isEmpty)
  }

  @Test func explainShowsIdsLimitAndCallCount() async throws {
    let fixture = try Fixture()
    defer { fixture.remove() }
    let result = await fixture.run("explain invocations | first 5")
    #expect(result.output.hasPrefix("DescribeInvocations: Limit=5 (stops after 5 records: at least 1 call)"))
    let ids = await fixture.run("explain tasks invt-kakne8h2 invt-jc2onrxm")
    #expect(
      ids.output.hasPrefix(
        "DescribeInvocationTasks: InvocationTaskIds=[invt-kakne8h2, invt-jc2onrxm], Limit=100"))
  }

  @Test func letKeepsRecordsForLaterPipelines() async throws {
    let fixture = try Fixture()
    defer { fixture.remove() }
    let result = await fixture.run(
      "let failed = invocations where status=FAILED\n$failed | count\n$failed where kind=CVM | count")
    #expect(result.status == .success, "\(result.errors)")
    let counts = result.records.compactMap { $0["count"] as? Int }
    #expect(counts.count == 2)
    #expect(counts[0] > 0 && counts[1] <= counts[0])
    let pages = (try await fixture.allInvocations().count + 99) / 100
    #expect(await fixture.service.log.invocations.count == pages)
  }

  @Test func unknownVariableIsAPlanningError() async throws {
    let fixture = try Fixture()
    defer { fixture.remove() }
    let result = await fixture.run("let failed = invocations | first 1\n$faild | count")
    #expect(result.status == .usage)
    #expect(result.errors.contains("unknown variable '$faild'"))
    #expect(result.errors.contains("did you mean '$failed'?"))
  }

  @Test func setChangesTheDefaultFormat() async throws {
    let fixture = try Fixture()
    defer { fixture.remove() }
    let result = await fixture.run("set format csv; invocations inv-q4zp60g0 | select id, status")
    #expect(result.output == "InvocationId,InvocationStatus\r\ninv-q4zp60g0,SUCCESS\r\n")
    let wrong = await fixture.run("set format xml")
    #expect(wrong.status == .usage)
    #expect(wrong.errors.contains("'xml' is not an output format"))
    let misspelt = await fixture.run("set fromat csv")
    #expect(misspelt.errors.contains("did you mean 'format'?"))
  }

  @Test func echoAndExit() async throws {
    let fixture = try Fixture()
    defer { fixture.remove() }
    let output = TextBuffer()
    let session = Session(
      service: fixture.service, output: output, errors: TextBuffer(),
      terminal: Terminal(isInteractive: false, width: nil))
    let status = await session.run(
      "echo checking $1\nexit 4\necho never", origin: "t", arguments: ["inv-q4zp60g0"])
    #expect(status == .success)
    #expect(session.requestedExit == 4)
    #expect(output.text == "checking inv-q4zp60g0\n")
  }

  @Test func scriptArgumentsFillIdsAndValues() async throws {
    let fixture = try Fixture()
    defer { fixture.remove() }
    let output = TextBuffer()
    let session = Session(
      service: fixture.service, output: output, errors: TextBuffer(),
      terminal: Terminal(isInteractive: false, width: nil))
    let status = await session.run(
      "invocations $args | count\ninvocations where id=$1 | select id", origin: "t",
      arguments: ["inv-q4zp60g0"])
    #expect(status == .success)
    #expect(output.text == "{\"count\":1}\n{\"InvocationId\":\"inv-q4zp60g0\"}\n")
    let missing = await fixture.run("invocations $2")
    #expect(missing.errors.contains("script argument $2 was not given"))
  }
}

/// `set page-size` and `set timezone`.
@Suite struct SettingTests {
  @Test func pageSizeIsTheLimitOfEachListing() async throws {
    let fixture = try Fixture()
    defer { fixture.remove() }
    let result = await fixture.run("set page-size 40; invocations | count")
    #expect(result.status == .success)
    let requests = await fixture.service.log.invocations
    #expect(requests.allSatisfy { $0.limit == 40 })
    #expect(requests.count == (try await fixture.allInvocations().count + 39) / 40)
    let bad = await fixture.run("set page-size 500")
    #expect(bad.errors.contains("page-size is a whole number from 1 to 100"))
  }

  @Test func timezoneShiftsTimesInFormatsPeopleReadOnly() async throws {
    let fixture = try Fixture()
    defer { fixture.remove() }
    let result = await fixture.run(
      "set timezone -05:30\ninvocations inv-q4zp60g0 | select created | csv\ninvocations inv-q4zp60g0 | select created"
    )
    #expect(
      result.output
        == "CreatedTime\r\n2020-11-09T01:51:59-05:30\r\n{\"CreatedTime\":\"2020-11-09T07:21:59+00:00\"}\n")
  }
}

/// Colour in tables: statuses only, never in what programs read.
@Suite struct ColorTests {
  @Test func statusesAreColouredWhenAskedAndOnlyThen() async throws {
    let fixture = try Fixture()
    defer { fixture.remove() }
    let colored = await fixture.run("set color on; invocations inv-q4zp60g0 | select id, status | table")
    #expect(colored.output.contains("\u{1B}[32mSUCCESS\u{1B}[0m"))
    #expect(!colored.output.contains("\u{1B}[32minv-"))
    let plain = await fixture.run("invocations inv-q4zp60g0 | select id, status | table")
    #expect(!plain.output.contains("\u{1B}["))
    let json = await fixture.run("set color on; invocations inv-q4zp60g0 | select id, status")
    #expect(!json.output.contains("\u{1B}["))
    let terminal = Terminal(isInteractive: true, width: 80, allowsColor: true)
    let auto = await fixture.run("invocations inv-q4zp60g0 | select id, status", terminal: terminal)
    #expect(auto.output.contains("\u{1B}[32m"))
  }
}

/// The progress line and `watch`, without a terminal.
@Suite struct LiveOutputTests {
  @Test func progressLineShowsRecordsOfTotalAndWipesItself() async throws {
    let fixture = try Fixture()
    defer { fixture.remove() }
    let errors = TextBuffer()
    let meter = RequestMeter(fixture.service)
    let progress = ProgressLine(output: errors, meter: meter)
    let plan = try #require(try Session.plans(for: "invocations | count").first)
    let stream = plan.stream(using: meter, progress: progress)
    try await Task.sleep(nanoseconds: 350_000_000)
    while try await stream.nextPage() != nil {}
    progress.finish()
    let total = try await fixture.allInvocations().count
    #expect(errors.text.contains("of \(total) records · "))
    #expect(errors.text.contains(" request"))
    #expect(errors.text.hasSuffix("\r\u{1B}[K"))
  }

  @Test func watchRunsAgainEveryIntervalUntilCancelled() async throws {
    let fixture = try Fixture()
    defer { fixture.remove() }
    let service = fixture.service
    let output = SharedBuffer()
    let task = Task {
      // Off a terminal the header goes to stderr: both are read here.
      let session = Session(
        service: service, output: output, errors: output,
        terminal: Terminal(isInteractive: false, width: nil))
      return await session.run("watch 1s invocations inv-q4zp60g0 | count", origin: nil)
    }
    // A guard against a hang, not a timing check: the whole suite shares the
    // concurrency pool, and on two cores the watch may wait a minute for a turn.
    let deadline = Date().addingTimeInterval(180)
    while output.text.components(separatedBy: "every 1s · ").count - 1 < 2, Date() < deadline {
      try await Task.sleep(nanoseconds: 50_000_000)
    }
    task.cancel()
    #expect(await task.value == .cancelled)
    let text = output.text
    #expect(text.components(separatedBy: "every 1s · ").count - 1 >= 2)
    #expect(text.components(separatedBy: "{\"count\":1}").count - 1 >= 2)
  }

}

/// Text written by one task and read by another.
final class SharedBuffer: TextOutput, @unchecked Sendable {
  // `stored` is guarded by `lock`.
  private let lock = NSLock()
  private var stored = ""

  var text: String { lock.withLock { stored } }
  func write(_ text: String) { lock.withLock { stored += text } }
  func flush() {}
}
