/// The command as it was delivered to one instance.
public struct CommandDocument: Codable, Sendable, Hashable {
  /// The script, base64-encoded.
  public var content: String?
  public var commandType: String?
  public var timeout: Int?
  public var workingDirectory: String?
  public var username: String?
  public var outputCOSBucketUrl: String?
  public var outputCOSKeyPrefix: String?

  public init(
    content: String? = nil, commandType: String? = nil, timeout: Int? = nil,
    workingDirectory: String? = nil, username: String? = nil,
    outputCOSBucketUrl: String? = nil, outputCOSKeyPrefix: String? = nil
  ) {
    self.content = content
    self.commandType = commandType
    self.timeout = timeout
    self.workingDirectory = workingDirectory
    self.username = username
    self.outputCOSBucketUrl = outputCOSBucketUrl
    self.outputCOSKeyPrefix = outputCOSKeyPrefix
  }

  enum CodingKeys: String, CodingKey {
    case content = "Content"
    case commandType = "CommandType"
    case timeout = "Timeout"
    case workingDirectory = "WorkingDirectory"
    case username = "Username"
    case outputCOSBucketUrl = "OutputCOSBucketUrl"
    case outputCOSKeyPrefix = "OutputCOSKeyPrefix"
  }
}
