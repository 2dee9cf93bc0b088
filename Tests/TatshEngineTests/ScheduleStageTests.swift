import Foundation
import TATCore
import Testing

@testable import TatshEngine

/// What `agent`, `invoker`, `invoker-records`, `enable` and `disable` ask
/// the API: 100 ids a call, each id once, five values a filter, every page
/// of records once, and a change only when it is allowed.
@Suite struct ScheduleStageTests {
  static func record(_ fields: [String: String]) -> Record {
    var record = Record()
    for (name, value) in fields.sorted(by: { $0.key < $1.key }) { record[name] = .string(value) }
    return record
  }

  static func drain(_ stream: any RecordStream) async throws -> [Record] {
    var records: [Record] = []
    while let page = try await stream.nextPage() { records += page }
    return records
  }

  static func session(_ service: any TATService) -> (Session, TextBuffer, TextBuffer) {
    let output = TextBuffer()
    let errors = TextBuffer()
    let session = Session(
      service: service, output: output, errors: errors, terminal: Terminal(isInteractive: false, width: nil))
    return (session, output, errors)
  }

  @Test func agentAsksForEachInstanceOnceAHundredAtATime() async throws {
    let instances = ScheduleDouble.ids("ins-", 230)
    // Every instance but the last ten has an agent; the first twenty are offline.
    let double = ScheduleDouble(
      agents: instances.dropLast(10).enumerated().map {
        ScheduleDouble.agent($0.element, status: $0.offset < 20 ? "Offline" : "Online")
      })
    // Two tasks on each instance, in pages of 100 as `tasks` hands them on.
    let tasks = (instances + instances).map { Self.record(["InstanceId": $0, "TaskStatus": "SUCCESS"]) }
    let joined = try await Self.drain(RecordJoin(ArrayStream(tasks), kind: .agent, service: double))
    #expect(joined.count == 460)
    let asked = double.requests(DescribeAutomationAgentStatusRequest.self)
    let askedIds = asked.flatMap { $0.instanceIds ?? [] }
    #expect(asked.allSatisfy { ($0.instanceIds?.count ?? 0) <= 100 && $0.filters == nil })
    #expect(asked.count == 3)
    #expect(askedIds.sorted() == instances.sorted(), "each instance asked once")
    #expect(joined[0].value(at: ["Agent", "AgentStatus"]) == .string("Offline"))
    #expect(joined[25].value(at: ["Agent", "AgentStatus"]) == .string("Online"))
    #expect(joined[225]["Agent"] == .null, "an instance with no agent has Agent null")
  }

  @Test func invokerFindsEachInvokerOnceThroughItsCommandsRecords() async throws {
    // Seven commands, one invoker each and a second for the first; 250 records, newest first.
    let commands = ScheduleDouble.ids("cmd-", 7)
    var invokers = commands.enumerated().map {
      ScheduleDouble.invoker(ScheduleDouble.ids("ivk-", 1, from: $0.offset + 1)[0], command: $0.element)
    }
    invokers.append(ScheduleDouble.invoker("ivk-00000099", command: commands[0]))
    let invocations = ScheduleDouble.ids("inv-", 250)
    let records = invocations.enumerated().map { index, invocation in
      InvokerRecord(
        invokerId: invokers[index % invokers.count].invokerId, invokeTime: "2026-11-28T00:00:00+00:00",
        reason: "Recurrence", invocationId: invocation, result: "SUCCESS")
    }
    let double = ScheduleDouble(invokers: invokers, records: records)
    var incoming = invocations.enumerated().map { index, invocation in
      Self.record([
        "InvocationId": invocation, "CommandId": invokers[index % invokers.count].commandId,
        "InvocationSource": "INVOKER",
      ])
    }
    // Made by a user: skipped, and said. Twice the same invocation: once.
    incoming.insert(
      Self.record(["InvocationId": "inv-user0001", "CommandId": commands[0], "InvocationSource": "USER"]),
      at: 3)
    incoming.append(incoming[0])
    // An invoker's invocation whose record is gone.
    incoming.append(
      Self.record(["InvocationId": "inv-gone0001", "CommandId": commands[1], "InvocationSource": "INVOKER"]))
    var warnings: [String] = []
    let found = try await Self.drain(
      InvokerLookup(ArrayStream(incoming), service: double) { warnings.append("\($0)") })

    #expect(found.map { $0["InvokerId"]!.stringValue! } == invokers.map(\.invokerId))
    let described = double.requests(DescribeInvokersRequest.self)
    let filterValues = described.flatMap { $0.filters?.first?.values ?? [] }
    #expect(described.allSatisfy { $0.filters?.count == 1 && $0.filters![0].name == "command-id" })
    #expect(described.allSatisfy { $0.filters![0].values.count <= 5 && $0.limit == 100 })
    #expect(filterValues.sorted() == commands, "each command asked once")
    let recordRequests = double.requests(DescribeInvokerRecordsRequest.self)
    #expect(recordRequests.allSatisfy { ($0.invokerIds?.count ?? 0) <= 100 && $0.limit == 100 })
    let pages = recordRequests.map { "\($0.invokerIds!)@\($0.offset!)" }
    #expect(Set(pages).count == pages.count, "each page of records asked once: \(pages)")
    #expect(recordRequests.count == 3, "\(pages)")
    #expect(
      warnings == [
        "1 invocation was made by a user (InvocationSource USER), not by an invoker",
        "no invoker's record names inv-gone0001 (the invoker or its records are gone)",
      ])
  }

  @Test func invokerRecordsPageTheRecordsOfTheIdsAskedFor() async throws {
    let invokers = ["ivk-00000001", "ivk-00000002"].map {
      ScheduleDouble.invoker($0, command: "cmd-00000001")
    }
    let records = (0..<250).map { index in
      InvokerRecord(
        invokerId: invokers[index % 2].invokerId, invokeTime: "2026-11-28T00:00:00+00:00", reason: "",
        invocationId: ScheduleDouble.ids("inv-", 1, from: index + 1)[0], result: "SUCCESS")
    }
    let double = ScheduleDouble(invokers: invokers, records: records)
    let (session, output, errors) = Self.session(double)
    _ = await session.run("invoker-records ivk-00000001 ivk-00000002 | count", origin: "test")
    #expect(output.text == #"{"count":250}"# + "\n", "\(errors.text)")
    #expect(double.requests(DescribeInvokerRecordsRequest.self).map(\.offset) == [0, 100, 200])

    let (after, afterOutput, afterErrors) = Self.session(double)
    _ = await after.run("invokers ivk-00000002 | invoker-records | count", origin: "test")
    #expect(afterOutput.text == #"{"count":125}"# + "\n", "\(afterErrors.text)")
  }

  @Test func disableAsksFirstWhereTheBackendWantsItAndShowsTheInvokersAfter() async throws {
    let invokers = ["ivk-00000001", "ivk-00000002"].map {
      ScheduleDouble.invoker($0, command: "cmd-00000001")
    }
    let cloudLike = ScheduleDouble(invokers: invokers, asksBeforeChanges: true)
    let (refusing, _, refusal) = Self.session(cloudLike)
    let refused = await refusing.run("invokers | disable", origin: "test")
    #expect(refused == .failure)
    #expect(refusal.text.contains("disable: DisableInvoker on 2 invokers (ivk-00000001, ivk-00000002)"))
    #expect(refusal.text.contains("add --yes to do it without asking"), "\(refusal.text)")
    #expect(cloudLike.requests(DisableInvokerRequest.self).isEmpty)

    let (dry, _, dryErrors) = Self.session(cloudLike)
    _ = await dry.run("set dry-run on\ninvokers ivk-00000001 | disable", origin: "test")
    #expect(
      dryErrors.text.contains(#"dry run: DisableInvoker {"InvokerId":"ivk-00000001"}"#), "\(dryErrors.text)")
    #expect(cloudLike.requests(DisableInvokerRequest.self).isEmpty)

    let (confirmed, output, errors) = Self.session(cloudLike)
    let status = await confirmed.run("invokers | disable --yes | select id, enabled", origin: "test")
    #expect(status == .success, "\(errors.text)")
    #expect(
      output.text == #"{"InvokerId":"ivk-00000001","Enable":false}"# + "\n"
        + #"{"InvokerId":"ivk-00000002","Enable":false}"# + "\n")
    #expect(
      cloudLike.requests(DisableInvokerRequest.self).map(\.invokerId) == ["ivk-00000001", "ivk-00000002"])
  }
}
