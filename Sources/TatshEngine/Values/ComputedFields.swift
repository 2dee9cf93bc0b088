import Foundation
import TATCore

/// Fields tatsh works out from others: `duration` (EndTime − StartTime) and
/// `age` (now − CreatedTime), in seconds, for invocations and tasks.
enum ComputedField: String, CaseIterable {
  case duration
  case age

  /// What the field holds, for `help fields`.
  var summary: String {
    switch self {
    case .duration: "seconds from StartTime to EndTime"
    case .age: "seconds since CreatedTime"
    }
  }
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

extension Record {
  /// The value of an alias (`status`, `id`, …) in records whose kind was
  /// not known when planning (after a plugin, from a file): the first of
  /// the fields it stands for in any kind.
  func aliasedValue(named name: String) -> Value? {
    for target in AliasTable.targets[name.lowercased()] ?? [] {
      if let value = fieldValue(at: target.split(separator: ".").map(String.init)) { return value }
    }
    return nil
  }
}

/// Every alias and the fields it stands for, over all record kinds.
enum AliasTable {
  static let targets: [String: [String]] = {
    var targets: [String: [String]] = [:]
    for kind in [RecordKind.task, .invocation, .command] {
      for (alias, field) in kind.aliases where targets[alias]?.contains(field) != true {
        targets[alias, default: []].append(field)
      }
    }
    return targets
  }()
}
