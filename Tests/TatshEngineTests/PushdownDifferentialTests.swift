import Foundation
import TATCore
import Testing

@testable import TatshEngine

/// Pushing conditions into the API changes how many requests are made,
/// never the records: random conditions, run both ways, must agree.
@Suite struct PushdownDifferentialTests {
  /// A small, seedable generator so that a failure can be replayed.
  struct Generator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
  }

  func randomCondition(
    depth: Int, ids: [String], commands: [String], using generator: inout Generator
  ) -> String {
    if depth > 0, Int.random(in: 0..<3, using: &generator) == 0 {
      let left = randomCondition(depth: depth - 1, ids: ids, commands: commands, using: &generator)
      let right = randomCondition(depth: depth - 1, ids: ids, commands: commands, using: &generator)
      switch Int.random(in: 0..<3, using: &generator) {
      case 0: return "(\(left) and \(right))"
      case 1: return "(\(left) or \(right))"
      default: return "not (\(left))"
      }
    }
    func some(_ values: [String], _ count: Int) -> String {
      (0..<count).map { _ in values.randomElement(using: &generator)! }.joined(separator: ", ")
    }
    switch Int.random(in: 0..<7, using: &generator) {
    case 0: return "id = \(ids.randomElement(using: &generator)!)"
    case 1: return "id in (\(some(ids, Int.random(in: 1...12, using: &generator))))"
    case 2: return "command-id = \(commands.randomElement(using: &generator)!)"
    case 3: return "command in (\(some(commands, Int.random(in: 1...7, using: &generator))))"
    case 4: return "kind = \(["CVM", "LIGHTHOUSE"].randomElement(using: &generator)!)"
    case 5: return "status in (\(some(InvocationStatus.allCases.map(\.rawValue), 2)))"
    default: return "Timeout >= \([60, 300, 600].randomElement(using: &generator)!)"
    }
  }

  @Test func randomConditionsGiveTheSameRecordsWithAndWithoutPushdown() async throws {
    let fixture = try Fixture(invocations: 400)
    defer { fixture.remove() }
    let all = try await fixture.allInvocations()
    let ids = Array(all.map(\.invocationId).shuffled().prefix(40))
    let commands = Array(Set(all.map(\.commandId))).sorted()
    var generator = Generator(state: 42)
    for round in 0..<120 {
      let condition = randomCondition(depth: 2, ids: ids, commands: commands, using: &generator)
      let pipeline = "invocations where \(condition) | select id"
      var answers: [[String]] = []
      for pushesDown in [true, false] {
        let output = TextBuffer()
        let errors = TextBuffer()
        let session = Session(
          service: fixture.service, output: output, errors: errors,
          terminal: Terminal(isInteractive: false, width: nil))
        session.pushesDown = pushesDown
        let status = await session.run(pipeline, origin: "round \(round)")
        #expect(status == .success, "\(pipeline): \(errors.text)")
        answers.append(output.text.split(separator: "\n").map(String.init).sorted())
      }
      #expect(answers[0] == answers[1], "round \(round): \(pipeline)")
    }
  }

  @Test func moreThanFiveValuesAreSplitIntoSeveralRequests() async throws {
    let fixture = try Fixture()
    defer { fixture.remove() }
    let all = try await fixture.allInvocations()
    let chosen = Array(all.dropFirst(3).prefix(12))
    let list = (chosen.map(\.invocationId) + [chosen[0].invocationId]).joined(separator: ", ")
    let result = await fixture.run("invocations where id in (\(list)) | select id")
    #expect(result.records.map { $0["InvocationId"] as? String } == chosen.map(\.invocationId))
    let requests = await fixture.service.log.invocations
    #expect(requests.count == 3)
    #expect(requests.allSatisfy { ($0.filters?.first?.values.count ?? 0) <= 5 })
  }

  @Test func everyRegisteredExamplePlans() throws {
    for signature in StageRegistry.all {
      #expect(!signature.examples.isEmpty, "\(signature.name) has no example")
      for example in signature.examples where !example.hasPrefix("open") && !example.hasPrefix("from") {
        #expect(throws: Never.self, "\(example)") { _ = try Session.plans(for: example) }
      }
    }
  }
}
