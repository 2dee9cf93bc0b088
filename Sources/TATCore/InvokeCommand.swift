/// Runs a saved command on instances.
public struct InvokeCommandRequest: TATRequest, Hashable {
  public typealias Response = InvokeCommandResponse
  public static let action = "InvokeCommand"
  public static let onlyReads = false

  public var commandId: String?
  public var instanceIds: [String]?
  public var parameters: String?
  public var username: String?
  public var workingDirectory: String?
  public var timeout: Int?
  public var outputCOSBucketUrl: String?
  public var outputCOSKeyPrefix: String?

  public init(
    commandId: String?, instanceIds: [String]?, parameters: String? = nil, username: String? = nil,
    workingDirectory: String? = nil, timeout: Int? = nil
  ) {
    self.commandId = commandId
    self.instanceIds = instanceIds
    self.parameters = parameters
    self.username = username
    self.workingDirectory = workingDirectory
    self.timeout = timeout
  }

  public func validate() throws {
    guard let commandId else {
      throw TATError(code: TATError.Code.missingParameter, message: "CommandId is required.")
    }
    guard ResourceID.isWellFormed(commandId, prefix: ResourceID.commandPrefix) else {
      throw TATError(
        code: TATError.Code.invalidCommandId,
        message: "CommandId `\(commandId)` is not of the form cmd-xxxxxxxx.")
    }
    try ExecutionRules.validate(instanceIds: instanceIds)
    try ExecutionRules.validate(timeout: timeout)
    try ExecutionRules.validate(username: username, workingDirectory: workingDirectory)
    if let parameters { _ = try CommandParameters(json: parameters, parameter: "Parameters") }
  }

  public enum CodingKeys: String, CodingKey, CaseIterable {
    case commandId = "CommandId"
    case instanceIds = "InstanceIds"
    case parameters = "Parameters"
    case username = "Username"
    case workingDirectory = "WorkingDirectory"
    case timeout = "Timeout"
    case outputCOSBucketUrl = "OutputCOSBucketUrl"
    case outputCOSKeyPrefix = "OutputCOSKeyPrefix"
  }
}

/// The invocation that `InvokeCommand` created.
public struct InvokeCommandResponse: TATResponse, Hashable {
  public var invocationId: String
  public var requestId: String

  public init(invocationId: String, requestId: String) {
    self.invocationId = invocationId
    self.requestId = requestId
  }

  public var summary: String { invocationId }

  enum CodingKeys: String, CodingKey {
    case invocationId = "InvocationId"
    case requestId = "RequestId"
  }
}

extension InvokeCommandResponse: JSONWritable {
  public func write(to writer: inout JSONWriter) {
    writer.object { w in
      w.field(CodingKeys.invocationId, invocationId)
      w.field(CodingKeys.requestId, requestId)
    }
  }
}

extension InvokeCommandRequest: NamesResources {
  public var namedResources: NamedResources { NamedResources(instanceIds: instanceIds, commandId: commandId) }
}

extension InvokeCommandResponse: NamesResources {
  public var namedResources: NamedResources { NamedResources(invocationId: invocationId) }
}
