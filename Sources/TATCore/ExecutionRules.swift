import Foundation

/// The checks `RunCommand` and `InvokeCommand` share: instances, script,
/// timeout, names and parameters, with the API's error codes.
enum ExecutionRules {
  static let maximumInstances = 200
  /// The most a script may be, base64-encoded.
  static let maximumContentLength = 64 * 1024
  static let timeouts = 1...86_400
  static let maximumCommandNameBytes = 60
  static let maximumDescriptionLength = 120

  static func validate(instanceIds: [String]?, atMost maximumInstances: Int = maximumInstances) throws {
    guard let instanceIds, !instanceIds.isEmpty else {
      throw TATError(code: TATError.Code.missingParameter, message: "InstanceIds is required.")
    }
    if instanceIds.count > maximumInstances {
      throw TATError(
        code: TATError.Code.limitExceeded,
        message: "InstanceIds holds \(instanceIds.count) ids; at most \(maximumInstances) are allowed.")
    }
    for id in instanceIds where !ResourceID.isInstance(id) {
      throw TATError(
        code: TATError.Code.invalidInstanceId,
        message: "InstanceIds contains `\(id)`, which is not of the form ins-, lhins- or mi-xxxxxxxx.")
    }
    if Set(instanceIds).count != instanceIds.count {
      throw TATError(code: TATError.Code.invalidInstanceId, message: "InstanceIds names an instance twice.")
    }
  }

  /// The script in `content`, which must be base64 of at most 64 KB.
  static func script(inContent content: String?) throws -> String {
    guard let content, !content.isEmpty else {
      throw TATError(code: TATError.Code.missingParameter, message: "Content is required.")
    }
    guard content.utf8.count <= maximumContentLength else {
      throw TATError(
        code: TATError.Code.invalidContent,
        message:
          "Content is \(content.utf8.count) bytes of base64; at most \(maximumContentLength) are allowed.")
    }
    guard let data = Data(base64Encoded: content), let script = String(data: data, encoding: .utf8) else {
      throw TATError(code: TATError.Code.invalidContent, message: "Content is not base64 of a UTF-8 script.")
    }
    return script
  }

  static func validate(timeout: Int?) throws {
    if let timeout, !timeouts.contains(timeout) {
      throw TATError(
        code: TATError.Code.invalidParameterValue,
        message:
          "Timeout must be from \(timeouts.lowerBound) to \(timeouts.upperBound) seconds, got \(timeout).")
    }
  }

  static func validate(commandName: String?) throws {
    guard let commandName else { return }
    let allowed = commandName.unicodeScalars.allSatisfy { scalar in
      CharacterSet.alphanumerics.contains(scalar) || "_-.".unicodeScalars.contains(scalar)
    }
    guard !commandName.isEmpty, commandName.utf8.count <= maximumCommandNameBytes, allowed else {
      throw TATError(
        code: TATError.Code.invalidCommandName,
        message:
          "CommandName `\(commandName.prefix(60))` must be 1 to \(maximumCommandNameBytes) bytes of letters, digits, `_`, `-` and `.`."
      )
    }
  }

  static func validate(description: String?) throws {
    if let description, description.count > maximumDescriptionLength {
      throw TATError(
        code: TATError.Code.invalidParameterValue,
        message:
          "Description is \(description.count) characters; at most \(maximumDescriptionLength) are allowed.")
    }
  }

  static func validate(commandType: String?) throws {
    if let commandType, CommandType(rawValue: commandType) == nil {
      throw TATError(
        code: TATError.Code.invalidParameterValue,
        message: "CommandType must be SHELL, POWERSHELL or BAT, got `\(commandType)`.")
    }
  }

  static func validate(username: String?, workingDirectory: String?) throws {
    if let username, username.isEmpty || username.count > 64 || username.contains(where: \.isWhitespace) {
      throw TATError(
        code: TATError.Code.invalidUsername, message: "Username `\(username)` is not a user name.")
    }
    if let workingDirectory, workingDirectory.isEmpty || workingDirectory.utf8.count > 512 {
      throw TATError(
        code: TATError.Code.invalidWorkingDirectory, message: "WorkingDirectory must be 1 to 512 bytes.")
    }
  }

  /// `Parameters` and `DefaultParameters` checked, and whether the command may have them.
  static func validate(parameters: String?, defaults: String?, enabled: Bool) throws {
    if !enabled, parameters != nil || defaults != nil {
      throw TATError(
        code: TATError.Code.parametersOnlyIfEnabled,
        message: "Parameters and DefaultParameters are allowed only when EnableParameter is true.")
    }
    if let parameters { _ = try CommandParameters(json: parameters, parameter: "Parameters") }
    if let defaults { _ = try CommandParameters(json: defaults, parameter: "DefaultParameters") }
  }
}
