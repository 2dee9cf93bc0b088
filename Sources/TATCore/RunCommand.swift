/// Runs a script on instances at once: creates a command (kept only with
/// `SaveCommand`) and an invocation of it.
public struct RunCommandRequest: TATRequest, Hashable {
  public typealias Response = RunCommandResponse
  public static let action = "RunCommand"
  public static let onlyReads = false

  /// The script, base64-encoded.
  public var content: String?
  public var instanceIds: [String]?
  public var commandName: String?
  public var description: String?
  public var commandType: String?
  public var workingDirectory: String?
  /// Seconds, 1 to 86400; 60 when left out.
  public var timeout: Int?
  public var saveCommand: Bool?
  public var enableParameter: Bool?
  public var defaultParameters: String?
  /// The same defaults as a list; not together with `defaultParameters`.
  public var defaultParameterConfs: [DefaultParameterConf]?
  public var parameters: String?
  public var tags: [Tag]?
  public var username: String?
  public var outputCOSBucketUrl: String?
  public var outputCOSKeyPrefix: String?

  public init(
    content: String?, instanceIds: [String]?, commandName: String? = nil, description: String? = nil,
    commandType: String? = nil, workingDirectory: String? = nil, timeout: Int? = nil,
    saveCommand: Bool? = nil,
    enableParameter: Bool? = nil, defaultParameters: String? = nil,
    defaultParameterConfs: [DefaultParameterConf]? = nil, parameters: String? = nil,
    tags: [Tag]? = nil, username: String? = nil
  ) {
    self.content = content
    self.instanceIds = instanceIds
    self.commandName = commandName
    self.description = description
    self.commandType = commandType
    self.workingDirectory = workingDirectory
    self.timeout = timeout
    self.saveCommand = saveCommand
    self.enableParameter = enableParameter
    self.defaultParameters = defaultParameters
    self.defaultParameterConfs = defaultParameterConfs
    self.parameters = parameters
    self.tags = tags
    self.username = username
  }

  public static let defaultTimeout = 60

  public func validate() throws {
    let script = try ExecutionRules.script(inContent: content)
    try ExecutionRules.validate(instanceIds: instanceIds)
    try ExecutionRules.validate(commandName: commandName)
    try ExecutionRules.validate(description: description)
    try ExecutionRules.validate(commandType: commandType)
    try ExecutionRules.validate(timeout: timeout)
    try ExecutionRules.validate(username: username, workingDirectory: workingDirectory)
    try ExecutionRules.validate(
      parameters: parameters, defaults: defaultParameters, enabled: enableParameter == true)
    if defaultParameterConfs != nil {
      if defaultParameters != nil {
        throw TATError(
          code: TATError.Code.conflictParameter,
          message: "DefaultParameters and DefaultParameterConfs cannot both be given.")
      }
      if enableParameter != true {
        throw TATError(
          code: TATError.Code.parametersOnlyIfEnabled,
          message: "DefaultParameterConfs is allowed only when EnableParameter is true.")
      }
    }
    if enableParameter == true {
      let values = try parameters.map { try CommandParameters(json: $0, parameter: "Parameters") }
      _ = try (values ?? CommandParameters()).filling(script, defaults: try defaults() ?? CommandParameters())
    }
  }

  /// The default parameter values, from `DefaultParameters` or `DefaultParameterConfs`.
  public func defaults() throws -> CommandParameters? {
    if let defaultParameterConfs {
      return try CommandParameters(defaultParameterConfs: defaultParameterConfs)
    }
    return try defaultParameters.map { try CommandParameters(json: $0, parameter: "DefaultParameters") }
  }

  public enum CodingKeys: String, CodingKey, CaseIterable {
    case content = "Content"
    case instanceIds = "InstanceIds"
    case commandName = "CommandName"
    case description = "Description"
    case commandType = "CommandType"
    case workingDirectory = "WorkingDirectory"
    case timeout = "Timeout"
    case saveCommand = "SaveCommand"
    case enableParameter = "EnableParameter"
    case defaultParameters = "DefaultParameters"
    case defaultParameterConfs = "DefaultParameterConfs"
    case parameters = "Parameters"
    case tags = "Tags"
    case username = "Username"
    case outputCOSBucketUrl = "OutputCOSBucketUrl"
    case outputCOSKeyPrefix = "OutputCOSKeyPrefix"
  }
}

/// The command and the invocation that `RunCommand` created.
public struct RunCommandResponse: TATResponse, Hashable {
  public var commandId: String
  public var invocationId: String
  public var requestId: String

  public init(commandId: String, invocationId: String, requestId: String) {
    self.commandId = commandId
    self.invocationId = invocationId
    self.requestId = requestId
  }

  public var summary: String { invocationId }

  enum CodingKeys: String, CodingKey {
    case commandId = "CommandId"
    case invocationId = "InvocationId"
    case requestId = "RequestId"
  }
}

extension RunCommandResponse: JSONWritable {
  public func write(to writer: inout JSONWriter) {
    writer.object { w in
      w.field(CodingKeys.commandId, commandId)
      w.field(CodingKeys.invocationId, invocationId)
      w.field(CodingKeys.requestId, requestId)
    }
  }
}

extension RunCommandRequest: NamesResources {
  public var namedResources: NamedResources { NamedResources(instanceIds: instanceIds) }
}

extension RunCommandResponse: NamesResources {
  public var namedResources: NamedResources {
    NamedResources(commandId: commandId, invocationId: invocationId)
  }
}
