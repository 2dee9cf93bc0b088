/// One execution activity: a command run on a set of instances.
public struct Invocation: Codable, Sendable, Hashable {
  public var invocationId: String
  public var commandId: String
  public var commandName: String?
  public var invocationStatus: String
  public var invocationTaskBasicInfoSet: [InvocationTaskBasicInfo]
  public var description: String?
  public var startTime: String?
  public var endTime: String?
  public var createdTime: String
  public var updatedTime: String?
  public var parameters: String?
  public var defaultParameters: String?
  public var instanceKind: String?
  public var username: String?
  public var invocationSource: String?
  /// The script, base64-encoded.
  public var commandContent: String?
  public var commandType: String?
  public var timeout: Int?
  public var workingDirectory: String?
  public var outputCOSBucketUrl: String?
  public var outputCOSKeyPrefix: String?

  public init(
    invocationId: String, commandId: String, commandName: String? = nil,
    invocationStatus: String, invocationTaskBasicInfoSet: [InvocationTaskBasicInfo] = [],
    description: String? = nil, startTime: String? = nil, endTime: String? = nil,
    createdTime: String, updatedTime: String? = nil, parameters: String? = nil,
    defaultParameters: String? = nil, instanceKind: String? = nil, username: String? = nil,
    invocationSource: String? = nil, commandContent: String? = nil, commandType: String? = nil,
    timeout: Int? = nil, workingDirectory: String? = nil, outputCOSBucketUrl: String? = nil,
    outputCOSKeyPrefix: String? = nil
  ) {
    self.invocationId = invocationId
    self.commandId = commandId
    self.commandName = commandName
    self.invocationStatus = invocationStatus
    self.invocationTaskBasicInfoSet = invocationTaskBasicInfoSet
    self.description = description
    self.startTime = startTime
    self.endTime = endTime
    self.createdTime = createdTime
    self.updatedTime = updatedTime
    self.parameters = parameters
    self.defaultParameters = defaultParameters
    self.instanceKind = instanceKind
    self.username = username
    self.invocationSource = invocationSource
    self.commandContent = commandContent
    self.commandType = commandType
    self.timeout = timeout
    self.workingDirectory = workingDirectory
    self.outputCOSBucketUrl = outputCOSBucketUrl
    self.outputCOSKeyPrefix = outputCOSKeyPrefix
  }

  enum CodingKeys: String, CodingKey {
    case invocationId = "InvocationId"
    case commandId = "CommandId"
    case commandName = "CommandName"
    case invocationStatus = "InvocationStatus"
    case invocationTaskBasicInfoSet = "InvocationTaskBasicInfoSet"
    case description = "Description"
    case startTime = "StartTime"
    case endTime = "EndTime"
    case createdTime = "CreatedTime"
    case updatedTime = "UpdatedTime"
    case parameters = "Parameters"
    case defaultParameters = "DefaultParameters"
    case instanceKind = "InstanceKind"
    case username = "Username"
    case invocationSource = "InvocationSource"
    case commandContent = "CommandContent"
    case commandType = "CommandType"
    case timeout = "Timeout"
    case workingDirectory = "WorkingDirectory"
    case outputCOSBucketUrl = "OutputCOSBucketUrl"
    case outputCOSKeyPrefix = "OutputCOSKeyPrefix"
  }
}
