import Foundation

/// Where and as whom tatsh talks to Tencent Cloud: credentials, region and
/// endpoint, found the way the official tools find them.
public struct CloudSettings: Sendable, Hashable {
  public var credentials: Credentials
  public var region: String?
  public var endpoint: String
  /// Where the credentials came from, for the banner and errors: never the keys themselves.
  public var credentialSource: String
  /// What the user should know about how the credentials are kept, such as
  /// a profile file that others can read.
  public var warnings: [String] = []

  public static let defaultEndpoint = "tat.tencentcloudapi.com"

  /// A problem with the credentials or a profile, named precisely and without secrets.
  public struct Problem: Error, CustomStringConvertible, Sendable {
    public var description: String
  }

  /// The settings from, first match winning: `--secret-id`/`--secret-key`,
  /// then `--credentials FILE`, then
  /// `TENCENTCLOUD_SECRET_ID`/`TENCENTCLOUD_SECRET_KEY`/`TENCENTCLOUD_TOKEN`,
  /// then the official CLI's `~/.tccli/<profile>.credential`. The region comes
  /// from `--region`, `TENCENTCLOUD_REGION`, or the profile's `.configure`.
  /// Nil when no credentials are found anywhere.
  public static func resolve(
    secretId: String? = nil, secretKey: String? = nil, credentialsFile: String? = nil, profile: String? = nil,
    region: String? = nil, endpoint: String? = nil, environment: [String: String]
  ) throws(Problem) -> CloudSettings? {
    let profileName = profile ?? "default"
    let folder = (environment["HOME"] ?? NSHomeDirectory()) + "/.tccli"
    var found: (Credentials, String)? = nil
    var warnings: [String] = []
    switch (secretId, secretKey) {
    case (let id?, let key?):
      found = (
        Credentials(secretId: id, secretKey: key, token: environment["TENCENTCLOUD_TOKEN"]), "--secret-id"
      )
    case (.some, nil), (nil, .some):
      throw Problem(description: "give both --secret-id and --secret-key, or neither")
    case (nil, nil):
      let fromEnvironment = [environment["TENCENTCLOUD_SECRET_ID"], environment["TENCENTCLOUD_SECRET_KEY"]]
      if credentialsFile == nil, fromEnvironment.contains(where: { !($0 ?? "").isEmpty }),
        fromEnvironment.contains(where: { ($0 ?? "").isEmpty })
      {
        throw Problem(description: halfSetEnvironment)
      }
      if let credentialsFile {
        found = (try credentials(inFile: credentialsFile), credentialsFile)
        if let warning = CredentialFile.warning(for: credentialsFile) { warnings.append(warning) }
      } else if let id = environment["TENCENTCLOUD_SECRET_ID"],
        let key = environment["TENCENTCLOUD_SECRET_KEY"],
        !id.isEmpty, !key.isEmpty
      {
        found = (
          Credentials(secretId: id, secretKey: key, token: environment["TENCENTCLOUD_TOKEN"]), "environment"
        )
      } else {
        let file = folder + "/\(profileName).credential"
        found = try profileCredentials(file).map { ($0, "profile \(profileName)") }
        if found != nil, let warning = CredentialFile.warning(for: file) { warnings.append(warning) }
      }
    }
    guard let (credentials, source) = found else {
      if profile != nil {
        throw Problem(description: "no credentials in \(folder)/\(profileName).credential")
      }
      return nil
    }
    var chosenRegion = region ?? environment["TENCENTCLOUD_REGION"].flatMap { $0.isEmpty ? nil : $0 }
    if chosenRegion == nil { chosenRegion = try profileRegion(folder + "/\(profileName).configure") }
    return CloudSettings(
      credentials: credentials, region: chosenRegion, endpoint: endpoint ?? defaultEndpoint,
      credentialSource: source, warnings: warnings)
  }

  /// Half a key in the environment: an error, not a silent fall-back to the
  /// embedded store (or to a profile) while the user thinks the cloud answered.
  public static let halfSetEnvironment =
    "only one of TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY is set: set both, or neither"

  /// The credentials in a JSON file as the official CLI keeps them
  /// (`{"secretId": …, "secretKey": …}`), which must exist.
  public static func credentials(inFile path: String) throws(Problem) -> Credentials {
    guard let credentials = try profileCredentials(path) else {
      let reason =
        FileManager.default.fileExists(atPath: path) ? "cannot read it (permissions?)" : "no such file"
      throw Problem(description: "\(path): \(reason)")
    }
    return credentials
  }

  private static func profileCredentials(_ path: String) throws(Problem) -> Credentials? {
    guard let object = try jsonObject(at: path) else { return nil }
    guard let id = object["secretId"] as? String, let key = object["secretKey"] as? String, !id.isEmpty,
      !key.isEmpty
    else {
      throw Problem(description: "\(path) has no secretId and secretKey")
    }
    let token = (object["token"] as? String).flatMap { $0.isEmpty ? nil : $0 }
    return Credentials(secretId: id, secretKey: key, token: token)
  }

  private static func profileRegion(_ path: String) throws(Problem) -> String? {
    guard let object = try jsonObject(at: path) else { return nil }
    let region = object["region"] as? String ?? (object["_sys_param"] as? [String: Any])?["region"] as? String
    return region.flatMap { $0.isEmpty ? nil : $0 }
  }

  private static func jsonObject(at path: String) throws(Problem) -> [String: Any]? {
    guard let data = FileManager.default.contents(atPath: path) else { return nil }
    guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
      throw Problem(description: "\(path) is not a JSON object")
    }
    return object
  }
}
