/// What one task produced on its instance.
public struct TaskResult: Codable, Sendable, Hashable {
  public var exitCode: Int?
  /// The output, base64-encoded, at most 24 KB; absent when the caller hid output.
  public var output: String?
  public var execStartTime: String?
  public var execEndTime: String?
  /// Bytes cut from the end of the output.
  public var dropped: Int?
  public var outputUrl: String?
  public var outputUploadCOSErrorInfo: String?

  public init(
    exitCode: Int? = nil, output: String? = nil, execStartTime: String? = nil,
    execEndTime: String? = nil, dropped: Int? = nil, outputUrl: String? = nil,
    outputUploadCOSErrorInfo: String? = nil
  ) {
    self.exitCode = exitCode
    self.output = output
    self.execStartTime = execStartTime
    self.execEndTime = execEndTime
    self.dropped = dropped
    self.outputUrl = outputUrl
    self.outputUploadCOSErrorInfo = outputUploadCOSErrorInfo
  }

  enum CodingKeys: String, CodingKey {
    case exitCode = "ExitCode"
    case output = "Output"
    case execStartTime = "ExecStartTime"
    case execEndTime = "ExecEndTime"
    case dropped = "Dropped"
    case outputUrl = "OutputUrl"
    case outputUploadCOSErrorInfo = "OutputUploadCOSErrorInfo"
  }
}
