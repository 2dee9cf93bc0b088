import Foundation
import TATCore

/// Whether a stage that changes things may go ahead: with `set dry-run on`
/// it prints its calls instead; on a backend that asks first (Tencent
/// Cloud) it says what it is about to do and waits for a yes on a terminal,
/// and in a script it needs `--yes`.
struct ChangeGate {
  /// `set dry-run on`.
  var isDryRun: Bool
  /// Asks the person at the terminal; nil when there is none.
  var confirm: ((String) -> Bool)?
  var errors: any TextOutput

  /// Refused: not confirmed, or no one to ask.
  struct Refusal: Error, CustomStringConvertible {
    var description: String
  }

  /// True when the calls should be made; prints them and answers false on a dry run.
  /// - Parameters:
  ///   - summary: what will happen, in a line, e.g. `RunCommand on 3 instances (mi-local001, …)`.
  ///   - calls: each call as the API would get it.
  func allows(
    _ summary: String, calls: [(action: String, body: any Encodable)], service: any TATService,
    isConfirmed: Bool
  ) throws -> Bool {
    if isDryRun {
      for call in calls { errors.write("dry run: \(call.action) \(Self.described(call.body))\n") }
      errors.flush()
      return false
    }
    guard service.asksBeforeChanges, !isConfirmed else { return true }
    guard let confirm else {
      throw Refusal(
        description:
          "\(summary) would change things on \(service.identity); add --yes to do it without asking, or set dry-run on to see the calls"
      )
    }
    guard confirm("\(summary) on \(service.identity). Go ahead? [y/N] ") else {
      throw Refusal(description: "not done: \(summary) was not confirmed")
    }
    return true
  }

  /// Says that a change had nothing to act on, so that an empty pipeline
  /// before it is not mistaken for a change made.
  func reportNothing(_ line: String) {
    errors.write("\(line)\n")
    errors.flush()
  }

  /// A call's body as JSON and, when it carries a script (`Content`, base64),
  /// the script as text below it: what will run must be readable before it does.
  static func described(_ body: any Encodable) -> String {
    let json = json(body)
    guard
      let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any],
      let content = object["Content"] as? String, let data = Data(base64Encoded: content),
      let script = String(data: data, encoding: .utf8)
    else { return json }
    let lines = script.split(separator: "\n", omittingEmptySubsequences: false)
    return json + "\n  Content, decoded:\n" + lines.map { "    " + $0 }.joined(separator: "\n")
  }

  static func json(_ body: any Encodable) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return (try? encoder.encode(body)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
  }

  /// `a, b, c and 4 more`.
  static func list(_ ids: [String], showing shown: Int = 3) -> String {
    let head = ids.prefix(shown).joined(separator: ", ")
    return ids.count > shown ? "\(head) and \(ids.count - shown) more" : head
  }
}
