import TATCore
import TatshLanguage
import Testing

@testable import TatshEngine

/// Agents, registered instances, invokers and invokers' records: their
/// sources hand the API what it can decide, their fields and values are
/// known to conditions and completion, and `Agent.…` works after `agent`.
@Suite struct ScheduleKindTests {
  /// The listing a pipeline's source asks for.
  static func listing(_ pipeline: String) throws -> (kind: RecordKind, ids: [String]?, filters: [Filter]) {
    let plan = try #require(try Session.plans(for: pipeline).first)
    guard case .listing(let kind, let ids, let filters, _) = plan.source.item else {
      Issue.record("\(pipeline) does not start with a listing")
      throw Diagnostic("no listing", at: SourceRange(0, 0))
    }
    return (kind, ids, filters)
  }

  @Test func everyFilterOfTheNewActionsIsPushedByItsAlias() throws {
    let cases: [(String, RecordKind, Filter)] = [
      ("agents where status=offline", .agent, Filter(name: "agent-status", values: ["Offline"])),
      ("agents where environment=windows", .agent, Filter(name: "environment", values: ["Windows"])),
      (
        "agents where instance in (ins-00000001, mi-local001)", .agent,
        Filter(name: "instance-id", values: ["ins-00000001", "mi-local001"])
      ),
      (
        "registered where status=Online", .registeredInstance,
        Filter(name: "register-status", values: ["Online"])
      ),
      ("registered where os=linux", .registeredInstance, Filter(name: "sys-name", values: ["Linux"])),
      (
        "registered where name=local-1", .registeredInstance,
        Filter(name: "instance-name", values: ["local-1"])
      ),
      ("registered where ip=127.0.0.1", .registeredInstance, Filter(name: "local-ip", values: ["127.0.0.1"])),
      (
        "registered where id=mi-local002", .registeredInstance,
        Filter(name: "instance-id", values: ["mi-local002"])
      ),
      (
        "registered where register-code-id=rgc-localrun", .registeredInstance,
        Filter(name: "register-code-id", values: ["rgc-localrun"])
      ),
      ("invokers where id=ivk-00000001", .invoker, Filter(name: "invoker-id", values: ["ivk-00000001"])),
      ("invokers where command=cmd-9dxzty3m", .invoker, Filter(name: "command-id", values: ["cmd-9dxzty3m"])),
      ("invokers where type=schedule", .invoker, Filter(name: "invoker-type", values: ["SCHEDULE"])),
    ]
    for (pipeline, kind, filter) in cases {
      let listing = try Self.listing(pipeline)
      #expect(listing.kind == kind, "\(pipeline)")
      #expect(listing.filters == [filter], "\(pipeline)")
      let explained = try #require(try Session.plans(for: pipeline).first).explanation
      #expect(
        explained.contains("Filters: \(filter.name)=[\(filter.values.joined(separator: ", "))]"),
        "\(explained)")
      #expect(!explained.contains("client-side"), "\(explained)")
    }
  }

  @Test func idsAndAFilterBecomeTwoFilters() throws {
    let listing = try Self.listing("agents ins-00000001 mi-local001 where status=Online")
    #expect(listing.ids == nil)
    #expect(
      Set(listing.filters) == [
        Filter(name: "agent-status", values: ["Online"]),
        Filter(name: "instance-id", values: ["ins-00000001", "mi-local001"]),
      ])
  }

  @Test func invokerRecordsTakeIdsButNoFilters() throws {
    let listing = try Self.listing("invoker-records ivk-00000001 where result=failed")
    #expect(listing.ids == ["ivk-00000001"] && listing.filters.isEmpty)
    let explained = try #require(
      try Session.plans(for: "invoker-records ivk-00000001 where result=failed").first
    )
    .explanation
    #expect(
      explained.hasPrefix(
        "DescribeInvokerRecords: InvokerIds=[ivk-00000001], Limit=100 (at least 1 call, 100 ids a call, then one a page of 100 until each call's TotalCount)\nwhere (client-side): Result = FAILED\n"
      ), "\(explained)")
  }

  @Test func theValuesTheAPIEnumeratesAreCheckedAndOfferedByTab() throws {
    #expect(throws: Diagnostic.self) { try Session.plans(for: "agents where status=Onlin") }
    let completer = Completer(context: CompletionContext(recentIds: [:], files: { _ in [] }))
    #expect(completer.complete("agents where status=").candidates == ["Offline", "Online"])
    #expect(completer.complete("agents where environment=").candidates == ["Linux", "Windows"])
    #expect(completer.complete("registered where os=").candidates == ["Linux", "Windows"])
    #expect(completer.complete("invokers where policy=").candidates == ["ONCE", "RECURRENCE"])
    #expect(completer.complete("invoker-records where result=").candidates.contains("FAILED"))
    let stages = completer.complete("tasks | ").candidates
    for stage in ["agent", "invoker", "invoker-records", "enable", "disable"] {
      #expect(stages.contains(stage), "\(stages)")
    }
  }

  @Test func aJoinedAgentsFieldsAreKnownThroughAgent() throws {
    let plan = try #require(try Session.plans(for: "tasks | agent | where agent.status=offline").first)
    #expect(
      plan.explanation.contains("where (client-side): Agent.AgentStatus = Offline\n"), "\(plan.explanation)")
    let grouped = try #require(try Session.plans(for: "tasks | agent | group by Agent.Version").first)
    #expect(grouped.outputShape.fields == ["Agent.Version", "count"])

    do {
      _ = try Session.plans(for: "tasks | agent | where Agent.Statsu=Online")
      Issue.record("a misspelt field of Agent planned")
    } catch {
      #expect(error.message.contains("unknown field 'Agent.Statsu': Agent holds the fields of agents"))
      #expect(error.suggestion == "Agent.status")
    }
    do {
      _ = try Session.plans(for: "tasks | agent | where Agent.AgentStatus=Offlin")
      Issue.record("a value no agent has planned")
    } catch {
      #expect(error.message.contains("not a value of Agent.AgentStatus (one of Online, Offline)"), "\(error)")
      #expect(error.suggestion == "Offline")
    }

    let completer = Completer(context: CompletionContext(recentIds: [:], files: { _ in [] }))
    let fields = completer.complete("tasks | agent | where Agent.").candidates
    #expect(fields.contains("Agent.AgentStatus") && fields.contains("Agent.LastHeartbeatTime"), "\(fields)")
    #expect(
      completer.complete("tasks | agent | where Agent.AgentStatus=").candidates == ["Offline", "Online"])
    // The same holds of `command`, which is defined the same way.
    #expect(
      completer.complete("invocations | command | select Command.Cr").candidates.contains("Command.CreatedBy")
    )
    #expect(
      completer.complete("invocations | command | where Command.CommandType=").candidates.contains("SHELL"))
  }

  @Test func stagesRefuseRecordsTheyCannotFollow() {
    for (pipeline, message) in [
      ("commands | agent", "'agent' needs records with an InstanceId flowing in"),
      ("commands | invoker", "'invoker' needs invocations or tasks"),
      ("invocations | invoker-records", "'invoker-records' needs invokers (records with an InvokerId)"),
      ("invocations | disable", "'disable' needs invokers (records with an InvokerId)"),
      ("invokers | enable now", "'enable' takes only --yes"),
      ("invokers | invoker-records ivk-00000001", "'invoker-records' takes no arguments"),
    ] {
      do {
        _ = try Session.plans(for: pipeline)
        Issue.record("\(pipeline) planned")
      } catch {
        #expect(error.message.contains(message), "\(pipeline): \(error.message)")
      }
    }
  }

  @Test func helpForAJoinSaysWhatItsFieldHolds() throws {
    let text = try HelpText.topic([Name(text: "agent", range: SourceRange(0, 5))], definitions: [:])
    #expect(
      text.hasPrefix("agent\n  add each record's agent (DescribeAutomationAgentStatus) as the field Agent\n"))
    #expect(text.contains("as in Agent.AgentStatus"), "\(text)")
    #expect(text.contains("help fields agents"))
    let fields = try FieldHelp.text(for: Name(text: "agents", range: SourceRange(0, 6)))
    #expect(
      fields.contains(
        "AgentStatus        agent-status, status       one of Online, Offline; the API filters on it"),
      "\(fields)")
  }
}
