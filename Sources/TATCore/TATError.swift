/// An error in the TAT API's own terms: a documented code such as
/// `InvalidParameterValue.LimitExceeded`, a message, and the `RequestId`
/// of the response that carried it, when there was one.
public struct TATError: Error, Sendable, Hashable {
  /// The API error code, exactly as Tencent Cloud spells it.
  public var code: String
  /// A human-readable explanation.
  public var message: String
  /// The `RequestId` of the failed call, if the error came from a response.
  public var requestId: String?

  public init(code: String, message: String, requestId: String? = nil) {
    self.code = code
    self.message = message
    self.requestId = requestId
  }
}

extension TATError: CustomStringConvertible {
  public var description: String {
    var text = "\(code): \(message)"
    if let requestId { text += " (RequestId \(requestId))" }
    return text
  }
}

extension TATError {
  /// The error codes this project produces, named once.
  public enum Code {
    public static let internalError = "InternalError"
    public static let invalidParameter = "InvalidParameter"
    public static let conflictParameter = "InvalidParameter.ConflictParameter"
    public static let invalidParameterValue = "InvalidParameterValue"
    public static let invalidCommandId = "InvalidParameterValue.InvalidCommandId"
    public static let invalidFilter = "InvalidParameterValue.InvalidFilter"
    public static let invalidInvocationId = "InvalidParameterValue.InvalidInvocationId"
    public static let invalidInvokerId = "InvalidParameterValue.InvalidInvokerId"
    public static let invalidRegisterInstanceId = "InvalidParameterValue.InvalidRegisterInstanceId"
    public static let limitExceeded = "InvalidParameterValue.LimitExceeded"
    public static let filterValueExceeded = "LimitExceeded.FilterValueExceeded"
    public static let missingParameter = "MissingParameter"
    public static let invalidContent = "InvalidParameterValue.InvalidContent"
    public static let invalidInstanceId = "InvalidParameterValue.InvalidInstanceId"
    public static let invalidCommandName = "InvalidParameterValue.InvalidCommandName"
    public static let invalidUsername = "InvalidParameterValue.InvalidUsername"
    public static let invalidWorkingDirectory = "InvalidParameterValue.InvalidWorkingDirectory"
    public static let lackOfParameters = "InvalidParameterValue.LackOfParameters"
    public static let parameterInvalidJSONFormat = "InvalidParameterValue.ParameterInvalidJsonFormat"
    public static let parameterKeyContainsInvalidChar =
      "InvalidParameterValue.ParameterKeyContainsInvalidChar"
    public static let parameterKeyLengthExceeded = "InvalidParameterValue.ParameterKeyLenExceeded"
    public static let parameterNumberExceeded = "InvalidParameterValue.ParameterNumberExceeded"
    public static let parametersOnlyIfEnabled = "InvalidParameterValue.SupportParametersOnlyIfEnableParameter"
    public static let resourceNotFound = "ResourceNotFound"
    public static let commandNotFound = "ResourceNotFound.CommandNotFound"
    public static let instanceNotFound = "ResourceNotFound.InstanceNotFound"
    public static let invocationNotFound = "ResourceNotFound.InvocationNotFound"
    public static let unsupportedOperation = "UnsupportedOperation"
  }
}
