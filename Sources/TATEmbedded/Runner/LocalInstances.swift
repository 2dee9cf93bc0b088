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
    try database.read(LocalInstance.fetchAll)
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
        try instance.register(in: db)
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

extension LocalInstance {
  /// The agent version local instances report: the local runner plays the agent.
  static let agentVersion = "1.1.8"

  static func fetchAll(_ db: Database) throws -> [LocalInstance] {
    try Row.fetchAll(
      db, sql: "SELECT instance_id, name, created_time FROM local_instance ORDER BY instance_id"
    )
    .map { LocalInstance(instanceId: $0[0], name: $0[1], createdTime: $0[2]) }
  }

  /// Records the instance as TAT knows a managed machine: registered, with
  /// an Online agent, since the store runs commands on it.
  func register(in db: Database) throws {
    try DocumentTables.agents.insert(
      AutomationAgentInfo(
        instanceId: instanceId, version: Self.agentVersion, lastHeartbeatTime: createdTime,
        agentStatus: AgentStatus.online.rawValue, environment: AgentEnvironment.linux.rawValue,
        supportFeatures: AutomationAgentInfo.currentFeatures), in: db)
    try DocumentTables.registeredInstances.insert(
      RegisterInstanceInfo(
        registerCodeId: "rgc-localrun", instanceId: instanceId, instanceName: name,
        machineId: instanceId.replacingOccurrences(of: "mi-", with: "machine-"),
        systemName: AgentEnvironment.linux.rawValue, hostName: name, localIp: "127.0.0.1", publicKey: "",
        status: AgentStatus.online.rawValue, createdTime: createdTime, updatedTime: createdTime,
        tags: [Tag(key: "tatsh", value: "local")]),
      in: db)
  }
}

extension AutomationAgentInfo {
  /// What a current agent supports, as `SupportFeatures` lists it.
  static let currentFeatures = ["SHELL", "POWERSHELL", "BAT", "OutputToCOS", "RunAsUser", "Parameters"]
  /// What an agent older than 1.1 supports.
  static let oldFeatures = ["SHELL", "POWERSHELL"]
}
