/// A saved command: the script and the defaults an invocation starts from.
public struct Command: Codable, Sendable, Hashable {
  public var commandId: String
  public var commandName: String
  public var description: String?
  /// The script, base64-encoded.
  public var content: String?
  public var commandType: String?
  public var workingDirectory: String?
  public var timeout: Int?
  public var createdTime: String
  public var updatedTime: String?
  public var enableParameter: Bool?
  public var defaultParameters: String?
  public var scenes: [String]?
  public var formattedDescription: String?
  /// `TAT` for a public command, `USER` for one the user created.
  public var createdBy: String?
  public var tags: [Tag]?
  public var username: String?
  public var outputCOSBucketUrl: String?
  public var outputCOSKeyPrefix: String?

  public init(
    commandId: String, commandName: String, description: String? = nil, content: String? = nil,
    commandType: String? = nil, workingDirectory: String? = nil, timeout: Int? = nil,
    createdTime: String, updatedTime: String? = nil, enableParameter: Bool? = nil,
    defaultParameters: String? = nil, scenes: [String]? = nil,
    formattedDescription: String? = nil, createdBy: String? = nil, tags: [Tag]? = nil,
    username: String? = nil, outputCOSBucketUrl: String? = nil, outputCOSKeyPrefix: String? = nil
  ) {
    self.commandId = commandId
    self.commandName = commandName
    self.description = description
    self.content = content
    self.commandType = commandType
    self.workingDirectory = workingDirectory
    self.timeout = timeout
    self.createdTime = createdTime
    self.updatedTime = updatedTime
    self.enableParameter = enableParameter
    self.defaultParameters = defaultParameters
    self.scenes = scenes
    self.formattedDescription = formattedDescription
    self.createdBy = createdBy
    self.tags = tags
    self.username = username
    self.outputCOSBucketUrl = outputCOSBucketUrl
    self.outputCOSKeyPrefix = outputCOSKeyPrefix
  }

  enum CodingKeys: String, CodingKey {
    case commandId = "CommandId"
    case commandName = "CommandName"
    case description = "Description"
    case content = "Content"
    case commandType = "CommandType"
    case workingDirectory = "WorkingDirectory"
    case timeout = "Timeout"
    case createdTime = "CreatedTime"
    case updatedTime = "UpdatedTime"
    case enableParameter = "EnableParameter"
    case defaultParameters = "DefaultParameters"
    case scenes = "Scenes"
    case formattedDescription = "FormattedDescription"
    case createdBy = "CreatedBy"
    case tags = "Tags"
    case username = "Username"
    case outputCOSBucketUrl = "OutputCOSBucketUrl"
    case outputCOSKeyPrefix = "OutputCOSKeyPrefix"
  }
}
