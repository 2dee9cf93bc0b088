import TATCore

/// The machines demo commands run on, and the TAT agent on each: a few
/// agents went offline (tasks sent to them since fail delivery) and a few
/// are of an old version (which cannot start some commands).
struct DemoFleet {
  static let currentVersion = "1.1.8"
  static let previousVersion = "1.1.5"
  static let oldVersion = "1.0.6"

  /// One machine's agent.
  struct Agent {
    var version: String
    /// When it stopped reporting; nil while it is online.
    var offlineSince: Int?
    var lastHeartbeat: Int

    func isOffline(at time: Int) -> Bool { offlineSince.map { $0 <= time } ?? false }
    var isOld: Bool { version == DemoFleet.oldVersion }
  }

  let cvm: [String]
  let lighthouse: [String]
  let agents: [String: Agent]
  /// The CVM whose agent went offline three days ago, which a schedule still names.
  let lostCVM: String

  /// The fleet of `seed`, as it stands at `endTime`.
  init(ids: DemoIDs, seed: UInt64, endTime: Int) {
    var generator = SplitMix64(seed: seed ^ 0xA6E7)
    cvm = (0..<48).map(ids.cvmInstance)
    lighthouse = (0..<24).map(ids.lighthouseInstance)
    let hour = 3_600
    let day = 24 * hour
    var agents: [String: Agent] = [:]
    for id in cvm + lighthouse {
      agents[id] = Agent(
        version: Int.random(in: 0..<6, using: &generator) == 0 ? Self.previousVersion : Self.currentVersion,
        lastHeartbeat: endTime - Int.random(in: 5...55, using: &generator))
    }
    // One long-dead machine of each kind (offline before the demo's 30 days
    // begin), then some that went offline in the last days.
    let cvmOrder = cvm.shuffled(using: &generator)
    let lighthouseOrder = lighthouse.shuffled(using: &generator)
    let offline: [(String, Int)] = [
      (cvmOrder[0], endTime - 45 * day),
      (cvmOrder[1], endTime - 3 * day - Int.random(in: 0..<day, using: &generator)),
      (cvmOrder[2], endTime - 20 * hour - Int.random(in: 0..<hour, using: &generator)),
      (lighthouseOrder[0], endTime - 45 * day),
      (lighthouseOrder[1], endTime - 2 * day - Int.random(in: 0..<day, using: &generator)),
    ]
    for (id, since) in offline {
      agents[id]?.offlineSince = since
      agents[id]?.lastHeartbeat = since
    }
    // The long-dead machines were never upgraded.
    agents[cvmOrder[0]]?.version = Self.oldVersion
    agents[lighthouseOrder[0]]?.version = Self.oldVersion
    for id in cvmOrder[3..<9] + lighthouseOrder[2..<5] { agents[id]?.version = Self.oldVersion }
    self.agents = agents
    lostCVM = cvmOrder[1]
  }

  /// A kind (mostly CVM) and `count` distinct instances of that kind.
  func instances(count: Int, using generator: inout some RandomNumberGenerator) -> (
    kind: String, ids: [String]
  ) {
    let isLighthouse = Int.random(in: 0..<5, using: &generator) == 0
    let pool = isLighthouse ? lighthouse : cvm
    let start = Int.random(in: 0..<pool.count, using: &generator)
    let ids = (0..<min(count, pool.count)).map { pool[(start + $0 * 7) % pool.count] }
    return (isLighthouse ? "LIGHTHOUSE" : "CVM", ids)
  }

  /// An instance of the same kind as `id`, not among `taken`, whose agent
  /// passes `test`: where a task of a status only such an agent explains goes.
  func substitute(for id: String, avoiding taken: [String], where test: (Agent) -> Bool) -> String? {
    let pool = lighthouse.contains(id) ? lighthouse : cvm
    return pool.first { !taken.contains($0) && agents[$0].map(test) == true }
  }

  /// The instances that serve `invoker`'s schedules: healthy ones unless asked otherwise.
  func healthy(_ count: Int, of kind: String, skipping: Int) -> [String] {
    let pool = kind == "LIGHTHOUSE" ? lighthouse : cvm
    return Array(
      pool.filter { agents[$0].map { $0.offlineSince == nil && !$0.isOld } == true }.dropFirst(skipping)
        .prefix(count))
  }

  /// Every agent as `DescribeAutomationAgentStatus` answers it.
  func agentInfos() -> [AutomationAgentInfo] {
    (cvm + lighthouse).map { id in
      let agent = agents[id]!
      return AutomationAgentInfo(
        instanceId: id, version: agent.version,
        lastHeartbeatTime: APITimestamp.string(fromEpochSeconds: agent.lastHeartbeat),
        agentStatus: (agent.offlineSince == nil ? AgentStatus.online : .offline).rawValue,
        environment: AgentEnvironment.linux.rawValue,
        supportFeatures: agent.isOld ? AutomationAgentInfo.oldFeatures : AutomationAgentInfo.currentFeatures)
    }
  }
}
