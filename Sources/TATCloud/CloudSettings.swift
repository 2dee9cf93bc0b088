import Foundation
import TATCore

/// Where and as whom tatsh talks to Tencent Cloud: credentials, region and
/// endpoint, each with where it came from.
public struct CloudSettings: Sendable, Hashable {
  public var credentials: Credentials
  public var region: String?
  public var endpoint: String
  /// Where the credentials came from, for the banner and errors: never the keys themselves.
  public var credentialSource: String
  /// Where the region came from; nil when there is none.
  public var regionSource: String?
  /// `--endpoint`, or `default`.
  public var endpointSource: String
  /// What the user should know about how the credentials are kept, such as
  /// a profile file that others can read.
  public var warnings: [String] = []
  /// Sources that were found but lost to one that comes first, for `tatsh config`.
  public var overridden: [String] = []

  public static let defaultEndpoint = "tat.tencentcloudapi.com"

  /// A problem with the credentials or a profile, named precisely and without secrets.
  public struct Problem: Error, CustomStringConvertible, Sendable {
    public var description: String
  }

  /// The variables a session token is read from, in order (tccli's first).
  public static let tokenVariables = [
    "TENCENTCLOUD_TOKEN", "TENCENTCLOUD_SESSION_TOKEN", "TENCENTCLOUD_SECURITY_TOKEN",
  ]

  /// The settings, each from the first source that has it:
  ///
  /// | rank | credentials | region |
  /// |---|---|---|
  /// | 1 | `--secret-id`/`--secret-key`, or `--credentials FILE` | `--region` |
  /// | 2 | `--profile NAME`, or `TCCLI_PROFILE`: `~/.tccli/NAME.credential` | that profile's `.configure` |
  /// | 3 | `TENCENTCLOUD_SECRET_ID`/`_KEY` (and a token variable) | `TENCENTCLOUD_REGION` |
  /// | 4 | `~/.tccli/default.credential` | `~/.tccli/default.configure` |
  ///
  /// Nil when no credentials are found anywhere. A profile named explicitly
  /// must exist; a profile that assumes a role or uses the CVM role is
  /// refused rather than signed for with another identity.
  public static func resolve(
    secretId: String? = nil, secretKey: String? = nil, credentialsFile: String? = nil, profile: String? = nil,
    region: String? = nil, endpoint: String? = nil, environment: [String: String]
  ) throws(Problem) -> CloudSettings? {
    let folder = TCCLIFolder(environment: environment)
    let named: (name: String, how: String)? =
      profile.map { ($0, "--profile") }
      ?? nonEmpty(environment["TCCLI_PROFILE"]).map { ($0, "TCCLI_PROFILE") }
    let fromEnvironment = try environmentCredentials(environment)
    var warnings: [String] = []
    var found: (credentials: Credentials, source: String, rank: Int)? = nil

    switch (secretId, secretKey) {
    case (.some, nil), (nil, .some):
      throw Problem(description: "give both --secret-id and --secret-key, or neither")
    case (let id?, let key?):
      found = (
        Credentials(secretId: id, secretKey: key, token: environmentToken(environment)), "--secret-id", 1
      )
    case (nil, nil):
      if let credentialsFile {
        found = (try credentials(inFile: credentialsFile), "--credentials \(credentialsFile)", 1)
        if let warning = CredentialFile.warning(for: credentialsFile) { warnings.append(warning) }
      }
    }
    if found == nil, let named {
      let file = folder.credentialFile(of: named.name)
      guard let credentials = try profileCredentials(file, profile: named.name) else {
        throw Problem(description: missingProfile(named.name, how: named.how, in: folder))
      }
      found = (credentials, "profile \(named.name) (\(named.how))", 2)
      if let warning = CredentialFile.warning(for: file) { warnings.append(warning) }
    }
    if found == nil, let fromEnvironment {
      try refuseRoleInEnvironment(environment)
      found = (fromEnvironment, "environment (TENCENTCLOUD_SECRET_ID)", 3)
    }
    if found == nil {
      let file = folder.credentialFile(of: "default")
      if let credentials = try profileCredentials(file, profile: "default") {
        try refuseRoleInEnvironment(environment)
        found = (credentials, "profile default", 4)
        if let warning = CredentialFile.warning(for: file) { warnings.append(warning) }
      }
    }
    guard let found else { return nil }

    var overridden: [String] = []
    if fromEnvironment != nil, found.rank < 3 {
      overridden.append("TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY (\(found.source) comes first)")
    }
    var regions: [(region: String, source: String)] = []
    if let region { regions.append((region, "--region")) }
    if let named, let region = try folder.region(of: named.name) {
      regions.append((region, "profile \(named.name) (\(folder.configureFile(of: named.name)))"))
    }
    if let region = nonEmpty(environment["TENCENTCLOUD_REGION"]) {
      regions.append((region, "TENCENTCLOUD_REGION"))
    }
    if let region = try folder.region(of: "default") {
      regions.append((region, "profile default (\(folder.configureFile(of: "default")))"))
    }
    let chosen = regions.first
    overridden += regions.dropFirst().filter { $0.region != chosen?.region }.map {
      "region \($0.region) from \($0.source) (\(chosen!.source) comes first)"
    }
    return CloudSettings(
      credentials: found.credentials, region: chosen?.region, endpoint: endpoint ?? defaultEndpoint,
      credentialSource: found.source, regionSource: chosen?.source,
      endpointSource: endpoint == nil ? "default" : "--endpoint", warnings: warnings, overridden: overridden)
  }

  /// Where `resolve` looks for credentials, for an error that found none.
  public static func placesSearched(environment: [String: String]) -> String {
    "--secret-id and --secret-key, --credentials FILE, --profile NAME or TCCLI_PROFILE, TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY, and \(TCCLIFolder(environment: environment).credentialFile(of: "default"))"
  }

  /// Half a key in the environment: an error, not a silent fall-back to the
  /// embedded store (or to a profile) while the user thinks the cloud answered.
  public static let halfSetEnvironment =
    "only one of TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY is set: set both, or neither"

  /// The credentials in a JSON file as the official CLI keeps them
  /// (`{"secretId": …, "secretKey": …}`), which must exist.
  public static func credentials(inFile path: String) throws(Problem) -> Credentials {
    guard let credentials = try profileCredentials(path, profile: nil) else {
      let reason =
        FileManager.default.fileExists(atPath: path) ? "cannot read it (permissions?)" : "no such file"
      throw Problem(description: "\(path): \(reason)")
    }
    return credentials
  }

  private static func environmentCredentials(_ environment: [String: String]) throws(Problem) -> Credentials?
  {
    let id = nonEmpty(environment["TENCENTCLOUD_SECRET_ID"])
    let key = nonEmpty(environment["TENCENTCLOUD_SECRET_KEY"])
    switch (id, key) {
    case (let id?, let key?):
      return Credentials(secretId: id, secretKey: key, token: environmentToken(environment))
    case (nil, nil): return nil
    default: throw Problem(description: halfSetEnvironment)
    }
  }

  private static func environmentToken(_ environment: [String: String]) -> String? {
    tokenVariables.lazy.compactMap { nonEmpty(environment[$0]) }.first
  }

  /// `TENCENTCLOUD_ROLE_ARN`: tccli would assume that role; signing with the plain key instead would act as someone else.
  private static func refuseRoleInEnvironment(_ environment: [String: String]) throws(Problem) {
    guard let role = nonEmpty(environment["TENCENTCLOUD_ROLE_ARN"]) else { return }
    throw Problem(
      description:
        "TENCENTCLOUD_ROLE_ARN asks for the role \(role); tatsh does not assume roles, and will not sign as the key's own identity instead: assume it first (tccli sts AssumeRole) and give the temporary key in TENCENTCLOUD_SECRET_ID, TENCENTCLOUD_SECRET_KEY and TENCENTCLOUD_TOKEN"
    )
  }

  private static func profileCredentials(_ path: String, profile: String?) throws(Problem) -> Credentials? {
    guard let object = try TCCLIFolder.jsonObject(at: path) else { return nil }
    let what = profile.map { "profile \($0) (\(path))" } ?? path
    if (object["type"] as? String) == "cvm-role" {
      throw Problem(
        description:
          "\(what) uses the CVM role (type cvm-role); tatsh cannot take a role's credentials from the instance's metadata service: give keys with --credentials, the environment or another profile"
      )
    }
    if let role = nonEmpty(object["role-arn"] as? String) {
      throw Problem(
        description:
          "\(what) assumes the role \(role) (role-arn); tatsh does not assume roles, and will not sign as the profile's own key instead: assume it first (tccli sts AssumeRole) and give the temporary key in TENCENTCLOUD_SECRET_ID, TENCENTCLOUD_SECRET_KEY and TENCENTCLOUD_TOKEN"
      )
    }
    guard let id = nonEmpty(object["secretId"] as? String), let key = nonEmpty(object["secretKey"] as? String)
    else {
      throw Problem(description: "\(path) has no secretId and secretKey")
    }
    return Credentials(secretId: id, secretKey: key, token: nonEmpty(object["token"] as? String))
  }

  private static func missingProfile(_ name: String, how: String, in folder: TCCLIFolder) -> String {
    let profiles = folder.profiles
    let found =
      profiles.isEmpty
      ? "there are no profiles in \(folder.path) (tccli configure --profile \(name) makes one)"
      : "profiles found: \(profiles.joined(separator: ", "))"
    return "no profile '\(name)' (\(how)): \(folder.credentialFile(of: name)) does not exist; \(found)"
  }

  private static func nonEmpty(_ text: String?) -> String? {
    text.flatMap { $0.isEmpty ? nil : $0 }
  }
}

extension CloudSettings {
  /// Checks the region: none at all is an error for Tencent Cloud's own
  /// endpoint (which needs one) and a warning for another; a region of the
  /// wrong shape is an error; one tatsh does not know of is a warning.
  /// Returns the warning, if any.
  public func checkRegion() throws(Problem) -> String? {
    guard let region else {
      let whereToSet =
        "--region REGION, TENCENTCLOUD_REGION, or the region of a profile (tccli configure set region ap-guangzhou)"
      if endpointSource == "default" {
        throw Problem(description: "Tencent Cloud needs a region, and none was given: \(whereToSet)")
      }
      return "no region was given, so requests to \(endpoint) carry no X-TC-Region: \(whereToSet)"
    }
    let source = regionSource ?? "--region"
    guard Regions.isWellFormed(region) else {
      let hint = Regions.known.contains(region.lowercased()) ? ": did you mean '\(region.lowercased())'?" : ""
      throw Problem(
        description:
          "'\(region)' (\(source)) is not a region: regions are lower-case words joined by hyphens, such as ap-guangzhou\(hint)"
      )
    }
    guard Regions.known.contains(region) else {
      return
        "'\(region)' (\(source)) is not a region tatsh knows (\(Regions.known.joined(separator: ", "))); it is sent as given"
    }
    return nil
  }
}
