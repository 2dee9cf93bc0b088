import Foundation
import TATCore

/// Fields tatsh works out from others: `duration` (EndTime − StartTime) and
/// `age` (now − CreatedTime), in seconds, for invocations and tasks.
enum ComputedField: String, CaseIterable {
  case duration
  case age
}

extension Record {
  /// The computed field `name`, or nil when it is not one or its inputs are missing.
  func computedValue(named name: String) -> Value? {
    switch ComputedField(rawValue: name.lowercased()) {
    case .duration:
      guard let start = time(of: "StartTime"), let end = time(of: "EndTime") else { return nil }
      return .int(end - start)
    case .age:
      guard let created = time(of: "CreatedTime") else { return nil }
      return .int(Int(Date().timeIntervalSince1970) - created)
    case nil:
      return nil
    }
  }

  private func time(of field: String) -> Int? {
    self[field]?.stringValue.flatMap(APITimestamp.epochSeconds(from:))
  }
}
