import Foundation
import GRDB
import TATCore

/// The machines of the embedded backend: local instances (`mi-local001`…)
/// on which the local runner really runs commands, each in a folder of its
/// own under the store's folder, as the current user.
public struct LocalInstance: Sendable, Hashable, Codable {
  public var instanceId: String
  public var name: String
  public var createdTime: String
}

extension EmbeddedTAT {
  /// The local instances, in the order they were made.
  public func localInstances() throws -> [LocalInstance] {
    try database.read { db in
      try Row.fetchAll(
        db, sql: "SELECT instance_id, name, created_time FROM local_instance ORDER BY instance_id"
      )
      .map { LocalInstance(instanceId: $0[0], name: $0[1], createdTime: $0[2]) }
    }
  }

  /// Makes `count` more local instances, numbered on from those there are
  /// (`mi-local001`, `mi-local002`…); the ones made.
  @discardableResult
  public func addLocalInstances(_ count: Int) throws -> [LocalInstance] {
    try change { db in
      let existing = try String.fetchAll(db, sql: "SELECT instance_id FROM local_instance")
      let numbers = existing.compactMap { Int($0.dropFirst(Self.localInstancePrefix.count)) }
      let first = (numbers.max() ?? 0) + 1
      let now = EmbeddedTAT.now()
      return try (first..<(first + count)).map { number in
        let instance = LocalInstance(
          instanceId: Self.localInstancePrefix + String(format: "%03d", number), name: "local-\(number)",
          createdTime: now)
        try db.execute(
          sql: "INSERT INTO local_instance (instance_id, name, created_time) VALUES (?, ?, ?)",
          arguments: [instance.instanceId, instance.name, instance.createdTime])
        return instance
      }
    }
  }

  /// `mi-local` and a number: eight characters after `mi-`, as a managed instance's id has.
  static let localInstancePrefix = "mi-local"

  /// The folder an instance's commands run in, by default.
  public func folder(of instanceId: String) -> URL {
    URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("instances")
      .appendingPathComponent(instanceId)
  }
}
