import Foundation

/// The official CLI's folder of profiles, `~/.tccli`: `NAME.credential`
/// holds a profile's keys (JSON), `NAME.configure` its region.
struct TCCLIFolder {
  var path: String

  init(environment: [String: String]) {
    path = (environment["HOME"] ?? NSHomeDirectory()) + "/.tccli"
  }

  func credentialFile(of profile: String) -> String { path + "/\(profile).credential" }
  func configureFile(of profile: String) -> String { path + "/\(profile).configure" }

  /// The profiles that have a credentials file, sorted.
  var profiles: [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
    return names.filter { $0.hasSuffix(".credential") }.map { String($0.dropLast(".credential".count)) }
      .sorted()
  }

  /// The region a profile's `.configure` names, if any.
  func region(of profile: String) throws(CloudSettings.Problem) -> String? {
    guard let object = try Self.jsonObject(at: configureFile(of: profile)) else { return nil }
    let region = object["region"] as? String ?? (object["_sys_param"] as? [String: Any])?["region"] as? String
    return region.flatMap { $0.isEmpty ? nil : $0 }
  }

  /// The TAT endpoint a profile's `.configure` names (`"tat": {"endpoint": …}`), if any.
  func endpoint(of profile: String) throws(CloudSettings.Problem) -> String? {
    guard let object = try Self.jsonObject(at: configureFile(of: profile)) else { return nil }
    return ((object["tat"] as? [String: Any])?["endpoint"] as? String).flatMap { $0.isEmpty ? nil : $0 }
  }

  /// The JSON object in the file at `path`; nil when there is no such file.
  /// Malformed JSON is named with its line and column, never its text (it holds keys).
  static func jsonObject(at path: String) throws(CloudSettings.Problem) -> [String: Any]? {
    let format =
      path.hasSuffix(".configure")
      ? "tccli writes {\"_sys_param\": {\"region\": …}}" : "tccli writes {\"secretId\": …, \"secretKey\": …}"
    guard let data = FileManager.default.contents(atPath: path) else { return nil }
    let object: Any
    do {
      object = try JSONSerialization.jsonObject(with: data)
    } catch {
      throw CloudSettings.Problem(
        description:
          "\(path)\(place(of: error, in: data)): not valid JSON (\(format))"
      )
    }
    guard let dictionary = object as? [String: Any] else {
      throw CloudSettings.Problem(description: "\(path) is not a JSON object")
    }
    return dictionary
  }

  /// `:LINE:COLUMN` of a JSON parse error, from Foundation's "around character N".
  private static func place(of error: any Error, in data: Data) -> String {
    let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? ""
    let offset: Int
    if detail.contains("end of file") {
      offset = data.count
    } else if let range = detail.range(of: #"character \d+"#, options: .regularExpression),
      let character = Int(detail[range].dropFirst("character ".count))
    {
      offset = character
    } else {
      return ""
    }
    let before = data.prefix(min(offset, data.count))
    let line = before.filter { $0 == UInt8(ascii: "\n") }.count + 1
    let column = before.count - (before.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0) + 1
    return ":\(line):\(column)"
  }
}
