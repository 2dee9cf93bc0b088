import Foundation
import TatshPluginKit

/// `summary`: per command, how many tasks ran and failed, and the output
/// line failures print most. Built by the package as `tatsh-summary`.
struct FailureSummary: TatshPlugin {
  static let description = PluginDescription(
    name: "summary", summary: "failures per command: tasks, failed, the most common failure line",
    usage: "summary", examples: ["invocations | tasks | summary | sort by failed desc"], emits: .records,
    fields: ["CommandName", "tasks", "failed", "mostCommonFailure"], arguments: [], accepts: ["tasks"])

  private struct Tally {
    var tasks = 0
    var failed = 0
    var lines: [String: Int] = [:]
  }

  private var tallies: [String: Tally] = [:]
  private var order: [String] = []

  init(arguments: [String]) throws {
    guard arguments.isEmpty else { throw PluginError("summary takes no arguments") }
  }

  mutating func receive(_ record: [String: Any]) throws -> [PluginOutput] {
    let command = record["CommandName"] as? String ?? record["CommandId"] as? String ?? "?"
    if tallies[command] == nil { order.append(command) }
    var tally = tallies[command, default: Tally()]
    tally.tasks += 1
    if let status = record["TaskStatus"] as? String, !["SUCCESS", "RUNNING", "PENDING"].contains(status) {
      tally.failed += 1
      let line = Self.firstLine(of: record) ?? status
      tally.lines[line, default: 0] += 1
    }
    tallies[command] = tally
    return []
  }

  mutating func finish() throws -> [PluginOutput] {
    order.map { command in
      let tally = tallies[command]!
      let common = tally.lines.max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }
      return .record([
        "CommandName": command, "tasks": tally.tasks, "failed": tally.failed,
        "mostCommonFailure": common?.key ?? NSNull(),
      ])
    }
  }

  private static func firstLine(of record: [String: Any]) -> String? {
    guard let output = (record["TaskResult"] as? [String: Any])?["Output"] as? String else { return nil }
    let text = Data(base64Encoded: output).map { String(decoding: $0, as: UTF8.self) } ?? output
    return text.split(separator: "\n").first.map(String.init)
  }
}

PluginRunner.run(FailureSummary.self)
