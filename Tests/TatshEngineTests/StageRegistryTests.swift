import Foundation
import TatshLanguage
import TatshTestSupport
import Testing

@testable import TatshEngine

/// The registry is the one list of stages: docs/LANGUAGE.md must show each
/// of them at work, and what it shows must plan.
@Suite struct StageRegistryTests {
  /// The stage names a program uses, in its pipelines and its definitions.
  static func stageNames(in program: String) throws -> Set<String> {
    let parsed = try Parser.parse(program)
    var names: Set<String> = []
    for statement in parsed.statements {
      let pipeline: Pipeline? =
        if case .define(_, _, let body, _) = statement { body } else { statement.pipeline }
      for stage in pipeline?.stages ?? [] { names.insert(stage.name.text.lowercased()) }
    }
    return names
  }

  @Test func everyRegisteredStageHasAnExampleOnTheLanguagePage() throws {
    var shown: Set<String> = []
    for example in try LanguagePage.examples() { shown.formUnion(try Self.stageNames(in: example.program)) }
    for definition in StageRegistry.all {
      #expect(shown.contains(definition.name), "docs/LANGUAGE.md has no example of '\(definition.name)'")
    }
  }

  @Test func theReadmesTourNamesEveryStage() throws {
    let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("README.md")
    let text = try String(contentsOf: readme, encoding: .utf8)
    for definition in StageRegistry.all {
      #expect(text.contains("`\(definition.name)"), "README.md's tour does not name '\(definition.name)'")
    }
  }

  @Test func everyExampleOnTheLanguagePagePlans() throws {
    let examples = try LanguagePage.examples()
    #expect(examples.count >= 25)
    for example in examples where !example.program.contains("from json") {
      #expect(throws: Never.self, "\(example.program)") { _ = try Session.plans(for: example.program) }
    }
  }

  @Test func everyStageHasHelpAndEveryKeywordIsKnownToHelpAndCompletion() throws {
    for definition in StageRegistry.all {
      #expect(!definition.examples.isEmpty, "\(definition.name) has no example")
      #expect(
        definition.usage.lowercased().contains(definition.name), "\(definition.name): \(definition.usage)")
      #expect(HelpText.topics.contains(definition.name))
      #expect(
        definition.startsPipeline != nil || definition.followsPipe != nil, "\(definition.name) cannot plan")
    }
    for keyword in StatementKeyword.names {
      #expect(HelpText.topics.contains(keyword), "help has no line for '\(keyword)'")
    }
  }

  @Test func helpEachTellsTheRulesOfItsTemplate() throws {
    let text = try HelpText.topic([Name(text: "each", range: SourceRange(0, 4))], definitions: [:])
    #expect(text.hasPrefix("each [--parallel N] [--keep-going] [--timeout D] 'CMD'\n"))
    #expect(text.contains("no value is ever read as shell code"))
    #expect(text.contains("Examples:\n  invocations inv-q4zp60g0 | tasks | each"))
  }
}
