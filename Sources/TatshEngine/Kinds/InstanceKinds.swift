import TATCore

/// The kinds of where commands run: the regions, the TAT agent on each
/// instance, and the machines outside Tencent Cloud registered with TAT.
extension RecordKind {
  public static let region = RecordKind(
    name: "region", plural: "regions", idField: "Region",
    listing: .whole(DescribeRegionsRequest(), items: \.regionSet),
    summary: "the regions where TAT is offered, and whether each is available (DescribeRegions)",
    examples: ["regions where state=AVAILABLE | count"],
    fields: ["Region", "RegionName", "RegionState"],
    aliases: ["id": "Region", "region": "Region", "name": "RegionName", "state": "RegionState"],
    // Not the regions themselves: the cloud may answer one opened since this list was made.
    enumeratedValues: ["RegionState": [RegionInfo.available, RegionInfo.unavailable]],
    filterOnlyFields: [], encodedFields: [], hasComputedFields: false,
    tableColumns: [("Region", "Region"), ("RegionName", "RegionName"), ("State", "RegionState")],
    recognizedBy: (["Region", "RegionState"], []))

  public static let agent = RecordKind(
    name: "agent", plural: "agents", idField: "InstanceId",
    listing: .paged(DescribeAutomationAgentStatusRequest.self, items: \.automationAgentSet) {
      ids, filters, page in
      DescribeAutomationAgentStatusRequest(
        instanceIds: ids, filters: filters, limit: page.limit, offset: page.offset)
    },
    summary:
      "each instance's TAT agent: online or not, version, heartbeat (DescribeAutomationAgentStatus)",
    examples: ["agents where status=Offline", "agents | group by version"],
    fields: ["InstanceId", "Version", "LastHeartbeatTime", "AgentStatus", "Environment", "SupportFeatures"],
    aliases: [
      "id": "InstanceId", "instance": "InstanceId", "instance-id": "InstanceId", "status": "AgentStatus",
      "agent-status": "AgentStatus", "version": "Version", "heartbeat": "LastHeartbeatTime",
      "environment": "Environment", "os": "Environment", "features": "SupportFeatures",
    ],
    enumeratedValues: [
      "AgentStatus": AgentStatus.allCases.map(\.rawValue),
      "Environment": AgentEnvironment.allCases.map(\.rawValue),
    ],
    filterOnlyFields: [], encodedFields: [], hasComputedFields: false,
    tableColumns: [
      ("InstanceId", "InstanceId"), ("Status", "AgentStatus"), ("Version", "Version"),
      ("Environment", "Environment"), ("LastHeartbeat", "LastHeartbeatTime"),
    ],
    recognizedBy: (["InstanceId", "AgentStatus"], []), joinedAs: "Agent")

  public static let registeredInstance = RecordKind(
    name: "registered-instance", plural: "registered", idField: "InstanceId",
    listing: .paged(DescribeRegisterInstancesRequest.self, items: \.registerInstanceSet) {
      ids, filters, page in
      DescribeRegisterInstancesRequest(
        instanceIds: ids, filters: filters, limit: page.limit, offset: page.offset)
    },
    summary:
      "machines outside Tencent Cloud registered with TAT, mi- ids (DescribeRegisterInstances)",
    examples: [
      "registered where status=Online | select id, name, ip", "registered | agent | select id, Agent.Version",
    ],
    fields: [
      "InstanceId", "InstanceName", "Status", "SystemName", "HostName", "LocalIp", "MachineId",
      "RegisterCodeId", "PublicKey", "CreatedTime", "UpdatedTime", "Tags",
    ],
    aliases: [
      "id": "InstanceId", "instance": "InstanceId", "instance-id": "InstanceId", "name": "InstanceName",
      "instance-name": "InstanceName", "status": "Status", "register-status": "Status",
      "os": "SystemName", "sys-name": "SystemName", "host": "HostName", "ip": "LocalIp",
      "local-ip": "LocalIp", "register-code-id": "RegisterCodeId", "created": "CreatedTime",
      "updated": "UpdatedTime", "tags": "Tags",
    ],
    enumeratedValues: [
      "Status": AgentStatus.allCases.map(\.rawValue),
      "SystemName": AgentEnvironment.allCases.map(\.rawValue),
    ],
    filterOnlyFields: [], encodedFields: [], hasComputedFields: false,
    tableColumns: [
      ("InstanceId", "InstanceId"), ("Name", "InstanceName"), ("Status", "Status"), ("System", "SystemName"),
      ("Host", "HostName"), ("LocalIp", "LocalIp"), ("Created", "CreatedTime"),
    ],
    recognizedBy: (["InstanceId", "RegisterCodeId"], []))
}
