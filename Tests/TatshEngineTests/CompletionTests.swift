import Foundation
import TatshLanguage
import Testing

@testable import TatshEngine

/// Tab completion on partial input.
@Suite struct CompletionTests {
  func completer(
    variables: [String: RecordKind] = [:], definitions: [String] = [],
    recentIds: [RecordKind: [String]] = [:]
  ) -> Completer {
    var environment = PlanningEnvironment()
    environment.variables = variables.mapValues(RecordShape.of)
    for name in definitions {
      environment.definitions[name] = .init(
        parameters: [], pipeline: try! Parser.parse("invocations").pipelines[0])
    }
    return Completer(
      context: CompletionContext(
        environment: environment, recentIds: recentIds,
        files: { prefix in ["report.csv", "reports/", "failed.jsonl"].filter { $0.hasPrefix(prefix) } }))
  }

  @Test func sourcesAndStatementsAtTheStart() {
    let (replacing, candidates) = completer(definitions: ["infra"]).complete("in")
    #expect(replacing == 2)
    #expect(candidates == ["infra", "invocations", "invoker-records", "invokers"])
    #expect(completer().complete("").candidates.contains("explain"))
    #expect(completer(variables: ["failed": .invocation]).complete("$f").candidates == ["$failed"])
  }

  @Test func renameOffersAFieldThenToThenNothing() {
    #expect(completer().complete("invocations | rename sta").candidates.contains("status"))
    #expect(completer().complete("invocations | rename status ").candidates == ["to"])
    #expect(completer().complete("invocations | rename status to ").candidates == [])
    #expect(completer().complete("invocations | rename status to state, na").candidates.contains("name"))
    let after = completer().complete("invocations | rename status to state | select st").candidates
    #expect(after.contains("state") && !after.contains("status"), "\(after)")
  }

  @Test func noWhereWhereAValueOrNothingBelongs() {
    #expect(completer().complete("run 'uptime' ").candidates == ["on"])
    #expect(completer().complete("run 'uptime' on ").candidates == [])
    #expect(completer().complete("run 'uptime' on mi-local001 --timeout ").candidates == [])
    #expect(completer().complete("invocations | each --parallel ").candidates == [])
    #expect(completer().complete("invocations | first ").candidates == [])
    #expect(completer().complete("invocations | first 5 ").candidates == ["where"])
    #expect(completer().complete("invocations | cancel ").candidates == [])
    #expect(completer().complete("invocations | cancel --").candidates == ["--yes"])
    #expect(completer().complete("invocations | json ").candidates == [])
  }

  @Test func stagesAfterAPipe() {
    #expect(completer().complete("invocations | de").candidates == ["decode"])
    #expect(completer().complete("invocations | t").candidates == ["table", "tasks", "text"])
    #expect(completer(definitions: ["top"]).complete("invocations | to").candidates == ["top"])
    var withPlugins = completer()
    withPlugins.context.plugins = ["notify"]
    #expect(withPlugins.complete("tasks | no").candidates == ["notify"])
    #expect(!completer().complete("invocations | ").candidates.contains("invocations"))
  }

  @Test func fieldsOfTheKindFlowingThere() {
    let invocationFields = completer().complete("invocations where sta").candidates
    #expect(invocationFields.contains("status"))
    #expect(invocationFields.contains("StartTime"))
    #expect(!invocationFields.contains("TaskStatus"))
    let taskFields = completer().complete("invocations | tasks | where ex").candidates
    #expect(taskFields == ["exit"])
    #expect(completer().complete("invocations | select na").candidates == ["name"])
    #expect(completer().complete("tasks | sort by ou").candidates == ["output"])
    #expect(completer().complete("tasks | sort ").candidates == ["by"])
    #expect(completer().complete("invocations | group by ki").candidates == ["kind"])
    #expect(completer().complete("explain invocations where du").candidates == ["duration"])
  }

  @Test func fieldsThatASelectOrAGroupLeft() {
    // Issue 20, item 12: completion follows the records' shape, not their kind.
    let selected = completer().complete("invocations | select id, status | where ").candidates
    #expect(Set(selected) == ["InvocationId", "InvocationStatus", "id", "invocation-id", "status", "not"])
    #expect(completer().complete("invocations | select id, status | sort by na").candidates == [])
    let grouped = completer().complete("invocations | group by name | sort by ").candidates
    #expect(grouped.contains("count"))
    #expect(grouped.contains("name"))
    #expect(!grouped.contains("StartTime"))
    #expect(completer().complete("invocations | group by status | where status=FA").candidates == ["FAILED"])
    #expect(completer().complete("invocations | count | where ").candidates == ["count", "not"])
    #expect(completer().complete("tasks | command | select Com").candidates.contains("Command"))
  }

  @Test func nothingKnownOffersNothingAndHelpKnowsItsTopics() {
    // Found in a stranger's trial: Tab after `open FILE | where ` inserted a lone `not`.
    #expect(completer().complete("open failed.jsonl | where ").candidates == [])
    #expect(completer().complete("help fi").candidates == ["fields", "first"])
    #expect(completer().complete("help fields ").candidates == RecordKind.all.map(\.plural).sorted())
    #expect(completer().complete("help fields ").candidates.contains("invocations"))
    #expect(completer().complete("help hist").candidates == ["history"])
    #expect(completer().complete("invocations | ea").candidates == ["each"])
    #expect(completer().complete("invocations | each --p").candidates == ["--parallel"])
    var withFlags = completer()
    withFlags.context.pluginFlags = { $0 == "tag" ? ["--limit", "--dry"] : [] }
    #expect(withFlags.complete("invocations | tag a=1 --l").candidates == ["--limit"])
    let rejected = completer().complete("commands | reject Description | sort by ").candidates
    #expect(rejected.contains("id") && rejected.contains("name"), "\(rejected)")
  }

  @Test func fieldsThroughVariablesAndDefinitions() {
    #expect(completer(variables: ["t": .task]).complete("$t | where ex").candidates == ["exit"])
    #expect(completer(variables: ["t": .task]).complete("$t where ex").candidates == ["exit"])
    #expect(completer(definitions: ["mine"]).complete("mine | tasks | where ex").candidates == ["exit"])
    #expect(completer().complete("invocations | tasks where ex").candidates == ["exit"])
  }

  @Test func theAPIsValuesAfterAnOperator() {
    #expect(completer().complete("invocations where status=FA").candidates == ["FAILED"])
    #expect(
      completer().complete("invocations where status = PA").candidates == [
        "PARTIAL_CANCELLED", "PARTIAL_FAILED",
      ])
    #expect(completer().complete("invocations where instance-kind=").candidates == ["CVM", "LIGHTHOUSE"])
    #expect(completer().complete("invocations where command-created-by=").candidates == ["TAT", "USER"])
    #expect(completer().complete("invocations where kind in (CVM, LI").candidates == ["LIGHTHOUSE"])
    #expect(
      completer().complete("tasks where status=DELIVER_").candidates == ["DELIVER_DELAYED", "DELIVER_FAILED"])
    #expect(completer().complete("invocations where status=FAILED ").candidates == ["and", "or"])
  }

  @Test func recentIdsAfterASourceAndAfterId() {
    let ids = [RecordKind.invocation: ["inv-aaaaaaaa", "inv-bbbbbbbb"], .task: ["invt-cccccccc"]]
    #expect(completer(recentIds: ids).complete("invocations inv-a").candidates == ["inv-aaaaaaaa"])
    #expect(completer(recentIds: ids).complete("tasks invt-").candidates == ["invt-cccccccc"])
    #expect(completer(recentIds: ids).complete("invocations where id=inv-b").candidates == ["inv-bbbbbbbb"])
  }

  @Test func theNewestIdsAreKeptEachOnce() {
    var recent = RecentIds()
    for index in 0..<1_200 { recent.remember("inv-\(index)") }
    recent.remember("inv-1000")
    recent.remember("inv-1199")
    let ids = recent.ids
    #expect(ids.count == RecentIds.limit)
    #expect(Set(ids).count == ids.count)
    #expect(ids.first == "inv-700")
    #expect(ids.suffix(2) == ["inv-1000", "inv-1199"])
    #expect(!ids.contains("inv-699"))
  }

  @Test func filesAfterOpenSaveAndSource() {
    #expect(completer().complete("open rep").candidates == ["report.csv", "reports/"])
    #expect(completer().complete("invocations | save fa").candidates == ["failed.jsonl"])
    #expect(completer().complete("source fa").candidates == ["failed.jsonl"])
  }

  @Test func settings() {
    #expect(completer().complete("set fo").candidates == ["format"])
    #expect(completer().complete("set format c").candidates == ["csv"])
    #expect(completer().complete("set color ").candidates == ["auto", "off", "on"])
  }

  @Test func sessionRemembersIdsItPrinted() async throws {
    let fixture = try Fixture()
    defer { fixture.remove() }
    let output = TextBuffer()
    let session = Session(
      service: fixture.service, output: output, errors: TextBuffer(),
      terminal: Terminal(isInteractive: false, width: nil))
    _ = await session.run("invocations inv-q4zp60g0 | tasks", origin: nil)
    #expect(session.completions(for: "tasks invt-k").candidates == ["invt-kakne8h2"])
    #expect(session.completions(for: "invocations inv-q").candidates == ["inv-q4zp60g0"])
  }

  @Test func aVariableKeepsTheShapeItWasMadeWith() async throws {
    let fixture = try Fixture()
    defer { fixture.remove() }
    let errors = TextBuffer()
    let session = Session(
      service: fixture.service, output: TextBuffer(), errors: errors,
      terminal: Terminal(isInteractive: false, width: nil))
    #expect(await session.run("let few = invocations | select id, status", origin: nil) == .success)
    #expect(
      Set(session.completions(for: "$few | where ").candidates) == [
        "InvocationId", "InvocationStatus", "id", "invocation-id", "status", "not",
      ])
    // And planning agrees: a dropped field is named as dropped.
    #expect(await session.run("$few | where name=x", origin: nil) == .usage)
    #expect(errors.text.contains("was left out before here"))
  }

  /// Issue 22, item 7: Tab completes the flags a plugin's describe declares.
  @Test func aPluginsDeclaredFlagsAreCompleted() async throws {
    let fixture = try Fixture()
    defer { fixture.remove() }
    let folder = fixture.folder.appendingPathComponent("plugins")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let plugin = folder.appendingPathComponent("tatsh-tag").path
    try """
    #!/bin/sh
    echo '{"protocol":1,"name":"tag","summary":"s","emits":"records","flags":[{"name":"--limit","type":"number"},{"name":"--dry"}]}'
    """.write(toFile: plugin, atomically: true, encoding: .utf8)
    chmod(plugin, 0o755)
    let session = Session(
      service: fixture.service, output: TextBuffer(), errors: TextBuffer(),
      terminal: Terminal(
        isInteractive: false, width: nil,
        environment: ["TATSH_PLUGIN_PATH": folder.path, "HOME": fixture.folder.path]))
    #expect(session.completions(for: "invocations | tag a=1 --l").candidates == ["--limit"])
    #expect(session.completions(for: "invocations | tag --").candidates == ["--dry", "--limit"])
  }
}
