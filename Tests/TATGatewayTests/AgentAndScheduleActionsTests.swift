import Foundation
import TATCloud
import TATCore
import TATEmbedded
import TatshTestSupport
import Testing

/// The actions that explain a failure (agents, registered instances,
/// invokers and their records, and switching an invoker): the embedded
/// backend and the cloud backend pointed at a real `tatsh serve` on the same
/// store answer each request identically, errors included.
@Suite(.serialized) struct AgentAndScheduleActionsTests {
  /// The two backends over one demo store, and what serve allows.
  struct Backends {
    let tatsh = TatshBinary()
    let embedded: EmbeddedTAT
    let cloud: CloudTAT
    let server: Process

    init(allowingRun: Bool) throws {
      let seeded = try tatsh.run(["seed"])
      try #require(seeded.status == 0, "\(seeded.standardError)")
      embedded = try EmbeddedTAT(path: tatsh.storePath)
      let (server, port) = try tatsh.startServer(
        ["--secret-id", "AKIDdiff", "--secret-key", "diff-key"] + (allowingRun ? ["--allow-run"] : []))
      self.server = server
      let settings = try #require(
        try CloudSettings.resolve(
          secretId: "AKIDdiff", secretKey: "diff-key", region: "ap-guangzhou",
          endpoint: "http://127.0.0.1:\(port)", environment: [:]))
      cloud = CloudTAT(settings: settings)
    }

    func stop() {
      server.terminate()
      server.waitUntilExit()
      tatsh.removeStore()
    }

    /// The answer of each backend, as JSON without its RequestId, or the error's code and message.
    func both<Request: TATRequest>(_ request: Request) async -> (embedded: String, cloud: String) {
      (
        await Self.outcome { try await embedded.send(request) },
        await Self.outcome { try await cloud.send(request) }
      )
    }

    static func outcome<Response: TATResponse>(_ call: () async throws -> Response) async -> String {
      do {
        var response = try await call()
        #expect(response.requestId.count == 36, "every answer carries a RequestId")
        response.requestId = ""
        var writer = JSONWriter()
        response.write(to: &writer)
        return String(decoding: writer.bytes, as: UTF8.self)
      } catch let error as TATError {
        #expect(error.requestId?.count == 36, "every error carries a RequestId: \(error)")
        return "\(error.code): \(error.message)"
      } catch {
        return "not a TATError: \(error)"
      }
    }
  }

  static let agentRequests: [DescribeAutomationAgentStatusRequest] = [
    .init(limit: 100),
    .init(filters: [Filter(name: "agent-status", values: ["Offline"])]),
    .init(filters: [Filter(name: "environment", values: ["Linux"])], limit: 7, offset: 30),
    .init(instanceIds: ["mi-local001", "mi-local002"]),
    .init(filters: [Filter(name: "instance-id", values: ["mi-local003"])]),
    // Errors: each names its rule.
    .init(instanceIds: ["mi-local001"], filters: [Filter(name: "agent-status", values: ["Online"])]),
    .init(filters: [Filter(name: "agent-status", values: ["online"])]),
    .init(filters: [Filter(name: "status", values: ["Online"])]),
    .init(instanceIds: ["vm-12345678"]),
    .init(limit: 101),
  ]

  static let registeredRequests: [DescribeRegisterInstancesRequest] = [
    .init(), .init(instanceIds: ["mi-local002"]),
    .init(filters: [
      Filter(name: "register-status", values: ["Online"]), Filter(name: "sys-name", values: ["Linux"]),
    ]),
    .init(filters: [Filter(name: "instance-name", values: ["local-1"])], limit: 1),
    .init(filters: [Filter(name: "tag-key", values: ["tatsh"])]),
    .init(filters: [Filter(name: "tag:tatsh", values: ["local", "remote"])], offset: 1),
    .init(filters: [Filter(name: "tag-value", values: ["elsewhere"])]),
    .init(instanceIds: ["ins-12345678"]), .init(filters: [Filter(name: "sys-name", values: ["macOS"])]),
    .init(offset: -1),
  ]

  static let recordRequests: [DescribeInvokerRecordsRequest] = [
    .init(limit: 100), .init(limit: 10, offset: 5), .init(invokerIds: ["ivk-00000000"]),
    .init(invokerIds: ["ivk-bad"]), .init(limit: -1),
  ]

  @Test func everyListingIsAnsweredAlikeByBothBackends() async throws {
    let backends = try Backends(allowingRun: false)
    defer { backends.stop() }
    let invokers = try await backends.embedded.send(DescribeInvokersRequest(limit: 100)).invokerSet
    try #require(invokers.count == 4)
    let invokerRequests: [DescribeInvokersRequest] = [
      .init(), .init(invokerIds: [invokers[0].invokerId, invokers[2].invokerId]),
      .init(filters: [Filter(name: "command-id", values: [invokers[1].commandId])]),
      .init(filters: [Filter(name: "invoker-type", values: ["SCHEDULE"])], limit: 2, offset: 1),
      .init(invokerIds: ["inv-12345678"]), .init(filters: [Filter(name: "invoker-type", values: ["ONCE"])]),
    ]
    var outcomes: [(String, String, String)] = []
    for request in Self.agentRequests {
      let (embedded, cloud) = await backends.both(request)
      outcomes.append(("\(request)", embedded, cloud))
    }
    for request in Self.registeredRequests {
      let (embedded, cloud) = await backends.both(request)
      outcomes.append(("\(request)", embedded, cloud))
    }
    for request in invokerRequests {
      let (embedded, cloud) = await backends.both(request)
      outcomes.append(("\(request)", embedded, cloud))
    }
    for request in Self.recordRequests
      + invokers.map({ DescribeInvokerRecordsRequest(invokerIds: [$0.invokerId]) })
    {
      let (embedded, cloud) = await backends.both(request)
      outcomes.append(("\(request)", embedded, cloud))
    }
    for (request, embedded, cloud) in outcomes {
      #expect(embedded == cloud, "\(request)")
    }
    let codes = Set(outcomes.compactMap { $0.1.hasPrefix("{") ? nil : String($0.1.prefix { $0 != ":" }) })
    #expect(
      codes == [
        "InvalidParameter.ConflictParameter", "InvalidParameterValue.InvalidFilter",
        "InvalidParameterValue.InvalidInstanceId", "InvalidParameterValue.LimitExceeded",
        "InvalidParameterValue.InvalidRegisterInstanceId", "InvalidParameterValue",
        "InvalidParameterValue.InvalidInvokerId",
      ], "\(codes)")
    // The answers hold what the demo store holds, not just the same nothing.
    let offline = try await backends.cloud.send(
      DescribeAutomationAgentStatusRequest(filters: [Filter(name: "agent-status", values: ["Offline"])]))
    #expect(offline.totalCount == 5 && offline.automationAgentSet.allSatisfy { $0.agentStatus == "Offline" })
    let registered = try await backends.cloud.send(DescribeRegisterInstancesRequest())
    #expect(
      registered.registerInstanceSet.map(\.instanceId).sorted() == [
        "mi-local001", "mi-local002", "mi-local003",
      ])
    let tagged = try await backends.cloud.send(
      DescribeRegisterInstancesRequest(filters: [Filter(name: "tag:tatsh", values: ["local"])]))
    #expect(tagged.totalCount == 3)
    let records = try await backends.cloud.send(DescribeInvokerRecordsRequest(limit: 100))
    #expect(records.totalCount == 75 && records.invokerRecordSet.count == 75)
  }

  @Test func servesSwitchesOfInvokersOnlyWithAllowRun() async throws {
    let readOnly = try Backends(allowingRun: false)
    defer { readOnly.stop() }
    let invoker = try #require(try await readOnly.embedded.send(DescribeInvokersRequest()).invokerSet.first)
    let refused = await Backends.outcome {
      try await readOnly.cloud.send(DisableInvokerRequest(invokerId: invoker.invokerId))
    }
    #expect(refused.hasPrefix("UnauthorizedOperation"), "\(refused)")
    let unchanged = try await readOnly.embedded.send(DescribeInvokersRequest(invokerIds: [invoker.invokerId]))
    #expect(unchanged.invokerSet.first?.enable == invoker.enable)
  }

  @Test func switchingAnInvokerIsAnsweredAlikeAndChangesWhatBothSee() async throws {
    let backends = try Backends(allowingRun: true)
    defer { backends.stop() }
    let invokers = try await backends.embedded.send(DescribeInvokersRequest()).invokerSet
    let enabled = try #require(invokers.first { $0.enable })
    let disabled = try #require(invokers.first { !$0.enable })

    let viaCloud = await Backends.outcome {
      try await backends.cloud.send(DisableInvokerRequest(invokerId: enabled.invokerId))
    }
    #expect(viaCloud == #"{"RequestId":""}"#)
    let seenLocally = try await backends.embedded.send(
      DescribeInvokersRequest(invokerIds: [enabled.invokerId]))
    #expect(seenLocally.invokerSet.first?.enable == false)
    #expect(seenLocally.invokerSet.first?.updatedTime != enabled.updatedTime)

    let viaEmbedded = await Backends.outcome {
      try await backends.embedded.send(EnableInvokerRequest(invokerId: disabled.invokerId))
    }
    #expect(viaEmbedded == #"{"RequestId":""}"#)
    let seenRemotely = try await backends.cloud.send(
      DescribeInvokersRequest(invokerIds: [disabled.invokerId]))
    #expect(seenRemotely.invokerSet.first?.enable == true)

    for request in [
      DisableInvokerRequest(invokerId: "ivk-00000000"), DisableInvokerRequest(invokerId: "inv-12345678"),
      DisableInvokerRequest(invokerId: nil),
    ] {
      let (embedded, cloud) = await backends.both(request)
      #expect(embedded == cloud, "\(request)")
      #expect(!embedded.hasPrefix("{"), "\(request): \(embedded)")
    }
    let missing = await Backends.outcome {
      try await backends.cloud.send(EnableInvokerRequest(invokerId: "ivk-00000000"))
    }
    #expect(missing == "ResourceNotFound: The invoker `ivk-00000000` does not exist.")
    let noId = await Backends.outcome { try await backends.cloud.send(EnableInvokerRequest(invokerId: nil)) }
    #expect(noId == "MissingParameter: InvokerId is required.")
  }
}
