import Foundation
import TATCore
import Testing

@testable import TatshEngine

/// Times, relative times, durations and the computed fields `duration` and `age`.
@Suite struct ValueTests {
  @Test func durationsAreSeconds() {
    #expect(DurationText.seconds("30s") == 30)
    #expect(DurationText.seconds("5m") == 300)
    #expect(DurationText.seconds("2h") == 7_200)
    #expect(DurationText.seconds("7d") == 604_800)
    #expect(DurationText.seconds("1h30m") == 5_400)
    #expect(DurationText.seconds("5") == nil)
    #expect(DurationText.seconds("m5") == nil)
    #expect(DurationText.seconds("5x") == nil)
    // Found by the fuzzer: more seconds than an Int holds trapped; they are not a duration.
    #expect(DurationText.seconds("9223372036854775807h") == nil)
    #expect(DurationText.seconds("245555551h30m5555555555555555h") == nil)
    #expect(DurationText.seconds("2562047788015215h") != nil)
  }

  @Test func relativeTimesCountBackFromNow() async throws {
    let fixture = try Fixture()
    defer { fixture.remove() }
    let now = Int(Date().timeIntervalSince1970)
    let all = try await fixture.allInvocations()
    let expected = all.filter { APITimestamp.epochSeconds(from: $0.createdTime)! > now - 30 * 86_400 }
    let result = await fixture.run("invocations where created > -30d | count")
    #expect(result.records.first?["count"] as? Int == expected.count)
  }

  @Test func computedDurationAndAge() async throws {
    let fixture = try Fixture()
    defer { fixture.remove() }
    let example = await fixture.run("invocations inv-q4zp60g0 | select duration, age")
    #expect(example.records.first?["duration"] as? Int == 9)
    let age = try #require(example.records.first?["age"] as? Int)
    #expect(age > 6 * 365 * 86_400)
    let long = await fixture.run("invocations where duration >= 1h | select duration")
    #expect(!long.records.isEmpty)
    #expect(long.records.allSatisfy { ($0["duration"] as? Int ?? 0) >= 3_600 })
    let tasks = await fixture.run("invocations inv-q4zp60g0 | tasks | where duration = 9s | count")
    #expect(tasks.records.first?["count"] as? Int == 3)
  }

  @Test func badTimesAreRejectedBeforeRunning() async throws {
    let fixture = try Fixture()
    defer { fixture.remove() }
    let result = await fixture.run("invocations where created > 2026-02-30 | count")
    #expect(result.status == .usage)
    #expect(result.errors.contains("'2026-02-30' is not a time"))
    #expect(await fixture.service.log.invocations.isEmpty)
  }

  @Test func booleansAndNull() async throws {
    let fixture = try Fixture()
    defer { fixture.remove() }
    let enabled = await fixture.run("commands where EnableParameter = true | select id")
    #expect(enabled.records.map { $0["CommandId"] as? String } == ["cmd-9dxzty3m"])
    let running = await fixture.run("invocations where EndTime = null | count")
    let finished = await fixture.run("invocations where EndTime != null | count")
    let total = try await fixture.allInvocations().count
    let runningCount = try #require(running.records.first?["count"] as? Int)
    #expect(runningCount > 0)
    #expect(runningCount + (finished.records.first?["count"] as? Int ?? 0) == total)
  }
}
