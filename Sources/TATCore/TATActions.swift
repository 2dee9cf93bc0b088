/// Every action tatsh knows, by its request type: the one place an action is
/// registered. `tatsh serve` answers these and no other, and takes from each
/// type its name, its parameters and whether it only reads.
///
/// A new action is a file of its own in TATCore (the request, with its
/// `CodingKeys`, and the response, `JSONWritable`), a line here, and, for the
/// embedded backend to answer it, an `EmbeddedAnswerable` conformance in
/// TATEmbedded. The cloud backend, the decorators and the gateway take any
/// action as it is; a change also says what it touched (`NamesResources`) for
/// serve's audit log.
public enum TATActions {
  public static let all: [any TATRequest.Type] = [
    DescribeInvocationsRequest.self,
    DescribeInvocationTasksRequest.self,
    DescribeCommandsRequest.self,
    RunCommandRequest.self,
    InvokeCommandRequest.self,
    CancelInvocationRequest.self,
    DescribeRegionsRequest.self,
    DescribeAutomationAgentStatusRequest.self,
    DescribeRegisterInstancesRequest.self,
    DescribeInvokersRequest.self,
    DescribeInvokerRecordsRequest.self,
    EnableInvokerRequest.self,
    DisableInvokerRequest.self,
  ]

  /// The actions that run or change something, which serve refuses unless told to allow them.
  public static var acting: [String] {
    all.compactMap { type in type.onlyReads ? nil : type.action }
  }

  /// `acting` as a phrase: `RunCommand, …, EnableInvoker and DisableInvoker`.
  public static var actingPhrase: String {
    let names = acting
    return names.dropLast().joined(separator: ", ") + (names.count > 1 ? " and " : "") + (names.last ?? "")
  }

  /// The request type of the action named `action`, if there is one.
  public static func type(named action: String) -> (any TATRequest.Type)? {
    byName[action]
  }

  private static let byName: [String: any TATRequest.Type] = Dictionary(
    uniqueKeysWithValues: all.map { ($0.action, $0) })
}
