import Foundation
import TatshLanguage
import TatshTestSupport
import Testing

@testable import TatshEngine

/// A `def` parameter or a script argument is typed like the literal written
/// in its place (issue 22): every condition of docs/LANGUAGE.md, written
/// with its literals and with parameters carrying them, gives the same records.
@Suite struct ParameterTypingTests {
  /// `expression` with each bare value replaced by `$pN`; the values, in order.
  static func parameterized(_ expression: TatshLanguage.Expression, values: inout [String])
    -> TatshLanguage.Expression
  {
    func parameter(for literal: Literal) -> Literal {
      guard literal.kind == .bare, !literal.text.hasPrefix("$") else { return literal }
      values.append(literal.text)
      return Literal(text: "$p\(values.count)", kind: .bare, range: literal.range)
    }
    switch expression {
    case .comparison(var comparison):
      comparison.value = parameter(for: comparison.value)
      return .comparison(comparison)
    case .membership(let field, let literals, let isNegated, let range):
      return .membership(
        field: field, values: literals.map(parameter(for:)), isNegated: isNegated, range: range)
    case .not(let inner, let range): return .not(parameterized(inner, values: &values), range: range)
    case .and(let left, let right):
      return .and(parameterized(left, values: &values), parameterized(right, values: &values))
    case .or(let left, let right):
      return .or(parameterized(left, values: &values), parameterized(right, values: &values))
    }
  }

  /// The program with each pipeline that compares with literals run through a `def` taking them.
  static func withParameters(_ program: Program) -> (text: String, conditions: Int) {
    var lines: [String] = []
    var conditions = 0
    for (index, statement) in program.statements.enumerated() {
      guard case .run(var pipeline) = statement else {
        lines.append(Formatter.format(statement))
        continue
      }
      var values: [String] = []
      for stage in pipeline.stages.indices {
        pipeline.stages[stage].condition = pipeline.stages[stage].condition.map {
          parameterized($0, values: &values)
        }
      }
      guard !values.isEmpty else {
        lines.append(Formatter.format(statement))
        continue
      }
      conditions += 1
      let parameters = (1...values.count).map { "p\($0)" }.joined(separator: " ")
      lines.append("def probe\(index) \(parameters) = \(Formatter.format(pipeline))")
      lines.append("probe\(index) " + values.joined(separator: " "))
    }
    return (lines.joined(separator: "\n"), conditions)
  }

  @Test func everyConditionOfTheLanguagePageGivesTheSameRecordsThroughAParameter() async throws {
    let fixture = try Fixture()
    defer { fixture.remove() }
    var compared = 0
    var withRecords = 0
    for example in try LanguagePage.examples() {
      // In-process, in the package's folder: nothing that writes files or runs programs.
      let actsOutside = ["save", "each", "run ", "^", "source", "open"].contains {
        example.program.contains($0)
      }
      guard !actsOutside else { continue }
      let program = try Parser.parse(example.program)
      let (rewritten, conditions) = Self.withParameters(program)
      guard conditions > 0 else { continue }
      let literal = await fixture.run(example.program)
      let parameter = await fixture.run(rewritten)
      #expect(literal.status == .success, "\(example.program): \(literal.errors)")
      #expect(parameter.status == literal.status, "\(rewritten): \(parameter.errors)")
      #expect(parameter.output == literal.output, "\(example.program)\nas\n\(rewritten)")
      compared += conditions
      if !literal.output.isEmpty { withRecords += 1 }
    }
    #expect(compared >= 7, "the page's conditions were found")
    #expect(withRecords >= 6, "most give records, so that a difference would show")
  }

  /// Conditions of each type the page may not cover, and the same through `$1`.
  static let conditions: [(source: String, value: String)] = [
    ("invocations where duration > $1", "1800"), ("invocations where duration >= $1", "30m"),
    ("invocations where created > $1", "-400d"), ("invocations where created < $1", "2026-10-20"),
    ("invocations where Timeout <= $1", "600"), ("invocations | tasks | where exit != $1", "0"),
    ("invocations | tasks | where exit < $1", "1"), ("invocations where status in (SUCCESS, $1)", "FAILED"),
    ("invocations | tasks | where error = $1", "null"), ("invocations | tasks | where error != $1", "null"),
  ]

  @Test func aScriptArgumentIsTypedLikeTheLiteralInItsPlace() async throws {
    let fixture = try Fixture()
    defer { fixture.remove() }
    var nonEmpty = 0
    for (source, value) in Self.conditions {
      let direct = await fixture.run(source.replacingOccurrences(of: "$1", with: value) + " | count")
      #expect(direct.status == .success, "\(source): \(direct.errors)")
      let output = TextBuffer()
      let script = Session(
        service: fixture.service, output: output, errors: TextBuffer(),
        terminal: Terminal(isInteractive: false, width: nil))
      let status = await script.run(source + " | count", origin: "script.tatsh", arguments: [value])
      #expect(status == .success)
      #expect(output.text == direct.output, "\(source) with $1 = \(value)")
      let defined = await fixture.run(
        "def probe p = \(source.replacingOccurrences(of: "$1", with: "$p"))\nprobe \(value) | count")
      #expect(defined.output == direct.output, "\(source) through a def")
      if direct.output != "{\"count\":0}\n" { nonEmpty += 1 }
    }
    #expect(nonEmpty >= 8, "most conditions match something, so that a difference would show")
  }
}
