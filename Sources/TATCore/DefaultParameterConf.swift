/// One custom parameter's default value, as `RunCommand`'s
/// `DefaultParameterConfs` gives it: the list form of `DefaultParameters`.
public struct DefaultParameterConf: Codable, Sendable, Hashable {
  public var parameterName: String?
  public var parameterValue: String?
  public var parameterDescription: String?

  public init(parameterName: String?, parameterValue: String?, parameterDescription: String? = nil) {
    self.parameterName = parameterName
    self.parameterValue = parameterValue
    self.parameterDescription = parameterDescription
  }

  public enum CodingKeys: String, CodingKey {
    case parameterName = "ParameterName"
    case parameterValue = "ParameterValue"
    case parameterDescription = "ParameterDescription"
  }
}

extension CommandParameters {
  /// The defaults that `confs` give, checked as `DefaultParameters` is: a
  /// name for each, no name twice, at most 20, names of letters, digits, `-` and `_`.
  public init(defaultParameterConfs confs: [DefaultParameterConf]) throws {
    var values: [String: String] = [:]
    for (index, conf) in confs.enumerated() {
      guard let name = conf.parameterName else {
        throw TATError(
          code: TATError.Code.missingParameter,
          message: "DefaultParameterConfs.\(index).ParameterName is missing.")
      }
      if values.updateValue(conf.parameterValue ?? "", forKey: name) != nil {
        throw TATError(
          code: TATError.Code.invalidParameterValue,
          message: "DefaultParameterConfs names `\(name)` more than once.")
      }
    }
    self.init(values)
    try validateKeys(parameter: "DefaultParameterConfs")
  }
}
