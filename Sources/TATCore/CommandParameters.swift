import Foundation

/// Custom parameters of a command: a JSON-encoded map of strings, filled
/// into `{{key}}` (and `{{tat-hidden:key}}`) placeholders of the script when
/// the command has `EnableParameter`, as the API documents.
public struct CommandParameters: Sendable, Hashable {
  public var values: [String: String]

  public static let maximumCount = 20
  public static let maximumKeyLength = 64

  public init(_ values: [String: String] = [:]) {
    self.values = values
  }

  /// The map in `json` (a `Parameters` or `DefaultParameters` value), checked as the API checks it.
  public init(json: String, parameter: String) throws {
    guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] else {
      throw TATError(
        code: TATError.Code.parameterInvalidJSONFormat,
        message: "\(parameter) is not a JSON object of strings: \(json.prefix(80))")
    }
    var values: [String: String] = [:]
    for (key, value) in object {
      guard let text = value as? String else {
        throw TATError(
          code: TATError.Code.parameterInvalidJSONFormat,
          message: "\(parameter): the value of `\(key)` is not a string.")
      }
      values[key] = text
    }
    self.values = values
    try validateKeys(parameter: parameter)
  }

  func validateKeys(parameter: String) throws {
    if values.count > Self.maximumCount {
      throw TATError(
        code: TATError.Code.parameterNumberExceeded,
        message: "\(parameter) has \(values.count) parameters; at most \(Self.maximumCount) are allowed.")
    }
    for key in values.keys.sorted() {
      if key.utf8.count > Self.maximumKeyLength {
        throw TATError(
          code: TATError.Code.parameterKeyLengthExceeded,
          message: "\(parameter): the key `\(key.prefix(20))…` is over \(Self.maximumKeyLength) characters.")
      }
      if key.isEmpty || !key.utf8.allSatisfy(Self.isKeyCharacter) {
        throw TATError(
          code: TATError.Code.parameterKeyContainsInvalidChar,
          message: "\(parameter): the key `\(key)` may hold only letters, digits, `-` and `_`.")
      }
    }
  }

  private static func isKeyCharacter(_ byte: UInt8) -> Bool {
    (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
      || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
      || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-")
      || byte == UInt8(ascii: "_")
  }

  /// The JSON the API records, keys sorted.
  public var json: String {
    let data =
      (try? JSONSerialization.data(withJSONObject: values, options: [.sortedKeys])) ?? Data("{}".utf8)
    return String(decoding: data, as: UTF8.self)
  }

  /// The names of the placeholders in `script`, in order of first use.
  public static func placeholders(in script: String) -> [String] {
    var names: [String] = []
    var rest = script[...]
    while let open = rest.range(of: "{{"), let close = rest[open.upperBound...].range(of: "}}") {
      var name = String(rest[open.upperBound..<close.lowerBound]).trimmingCharacters(in: .whitespaces)
      if name.hasPrefix(hiddenPrefix) { name.removeFirst(hiddenPrefix.count) }
      if !name.isEmpty, name.utf8.allSatisfy(isKeyCharacter), !names.contains(name) { names.append(name) }
      rest = rest[close.upperBound...]
    }
    return names
  }

  public static let hiddenPrefix = "tat-hidden:"

  /// `script` with every placeholder replaced by its value from these
  /// parameters, else from `defaults`; a placeholder with neither is `LackOfParameters`.
  public func filling(_ script: String, defaults: CommandParameters) throws -> String {
    var filled = script
    for name in Self.placeholders(in: script) {
      guard let value = values[name] ?? defaults.values[name] else {
        throw TATError(
          code: TATError.Code.lackOfParameters,
          message:
            "The script uses {{\(name)}}, but neither Parameters nor DefaultParameters give it a value.")
      }
      for form in ["{{\(name)}}", "{{ \(name) }}", "{{\(Self.hiddenPrefix)\(name)}}"] {
        filled = filled.replacingOccurrences(of: form, with: value)
      }
    }
    return filled
  }
}
