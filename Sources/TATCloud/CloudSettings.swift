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
  /// Where the token came from, when there is one.
  public var tokenSource: String? = nil
  /// Where the region came from; nil when there is none.
  public var regionSource: String?
  /// `--endpoint`, or `default`.
  public var endpointSource: String
  /// What the user should know about how the credentials are kept, such as
  /// a profile file that others can read.
  public var warnings: [String] = []
  /// Sources that were found but lost to one that comes first, for `tatsh config`.
  public var overridden: [String] = []
  /// The file the credentials were read from (`--credentials FILE` or a
  /// profile's), whose permissions matter; nil for flags and the environment.
  public var credentialFile: String? = nil

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
  /// refused rather than signed for with another identity. Only the sources
  /// that are used must be readable; the others are read for `overridden`,
  /// and a mistake in one of them is no error.
  public static func resolve(
    secretId: String? = nil, secretKey: String? = nil, credentialsFile: String? = nil, profile: String? = nil,
    region: String? = nil, endpoint: String? = nil, environment: [String: String]
  ) throws(Problem) -> CloudSettings? {
    let folder = TCCLIFolder(environment: environment)
    let named: (name: String, how: String)? =
      profile.map { ($0, "--profile") }
      ?? nonEmpty(environment["TCCLI_PROFILE"]).map { ($0, "TCCLI_PROFILE") }
    // Read now, a problem with it raised only if it comes to be used.
    let environmentKeys: Result<CredentialSources.Found?, Problem>
    do { environmentKeys = .success(try CredentialSources.environment(environment)) } catch {
      environmentKeys = .failure(error)
    }
    let fromEnvironment = try? environmentKeys.get()
    var warnings: [String] = []
    var found: (found: CredentialSources.Found, rank: Int)? = nil

    switch (secretId, secretKey) {
    case (.some, nil), (nil, .some):
      throw Problem(description: "give both --secret-id and --secret-key, or neither")
    case (let id?, let key?):
      let token = CredentialSources.environmentToken(environment)
      let credentials = try CredentialSources.checked(
        Credentials(secretId: id, secretKey: key, token: token?.value), from: "--secret-id and --secret-key",
        tokenFrom: token?.variable)
      found = (.init(credentials: credentials, source: "--secret-id", tokenSource: token?.variable), 1)
    case (nil, nil):
      if let credentialsFile {
        let credentials = try credentials(inFile: credentialsFile)
        let source = "--credentials \(credentialsFile)"
        found = (
          .init(
            credentials: credentials, source: source, tokenSource: credentials.token.map { _ in source },
            file: credentialsFile),
          1
        )
        if let warning = CredentialFile.warning(for: credentialsFile) { warnings.append(warning) }
      }
    }
    if found == nil, let named {
      let file = folder.credentialFile(of: named.name)
      guard let credentials = try CredentialSources.profile(file, name: named.name) else {
        throw Problem(description: missingProfile(named.name, how: named.how, in: folder))
      }
      let source = "profile \(named.name) (\(named.how))"
      found = (
        .init(
          credentials: credentials, source: source, tokenSource: credentials.token.map { _ in source },
          file: file), 2
      )
      if let warning = CredentialFile.warning(for: file) { warnings.append(warning) }
      if named.how == "TCCLI_PROFILE", let other = fromEnvironment ?? nil,
        other.credentials.secretId != credentials.secretId
      {
        warnings.append(
          "TENCENTCLOUD_SECRET_ID is set, but TCCLI_PROFILE names profile \(named.name), which comes first: signing as \(credentials.maskedSecretId), not \(other.credentials.maskedSecretId) (unset TCCLI_PROFILE to use the environment's key)"
        )
      }
    }
    if found == nil, let fromEnvironment = try environmentKeys.get() {
      try CredentialSources.refuseRoleInEnvironment(environment)
      found = (fromEnvironment, 3)
    }
    if found == nil {
      let file = folder.credentialFile(of: "default")
      if let credentials = try CredentialSources.profile(file, name: "default") {
        try CredentialSources.refuseRoleInEnvironment(environment)
        found = (
          .init(
            credentials: credentials, source: "profile default",
            tokenSource: credentials.token.map { _ in "profile default" }, file: file), 4
        )
        if let warning = CredentialFile.warning(for: file) { warnings.append(warning) }
      }
    }
    guard let (used, rank) = found else { return nil }

    var overridden = CredentialSources.lost(
      to: used, rank: rank, named: named, environment: environment, folder: folder,
      environmentKeysAreSet: (fromEnvironment ?? nil) != nil)
    let regions = regionSources(region: region, named: named?.name, environment: environment, folder: folder)
    var chosen: (source: String, region: String)? = nil
    for candidate in regions {
      // A source consulted must be readable; one after the chosen need not be.
      if let value = try candidate.region.get() {
        chosen = (candidate.source, value)
        break
      }
    }
    overridden += regions.filter { $0.source != chosen?.source }.compactMap { candidate in
      guard case .success(let other?) = candidate.region, other != chosen?.region else { return nil }
      return "region \(other) from \(candidate.source) (\(chosen?.source ?? "--region") comes first)"
    }
    let (endpointText, endpointSource) = try chosenEndpoint(endpoint, named: named?.name, folder: folder)
    return CloudSettings(
      credentials: used.credentials, region: chosen?.region, endpoint: endpointText,
      credentialSource: used.source, tokenSource: used.tokenSource, regionSource: chosen?.source,
      endpointSource: endpointSource, warnings: warnings, overridden: overridden, credentialFile: used.file)
  }

  /// Where a region may come from, in order, with what each says (or its problem).
  private static func regionSources(
    region: String?, named: String?, environment: [String: String], folder: TCCLIFolder
  ) -> [(source: String, region: Result<String?, Problem>)] {
    func read(_ profile: String) -> Result<String?, Problem> {
      do { return .success(try folder.region(of: profile)) } catch { return .failure(error) }
    }
    var sources: [(source: String, region: Result<String?, Problem>)] = []
    if let region { sources.append(("--region", .success(region))) }
    if let named { sources.append(("profile \(named) (\(folder.configureFile(of: named)))", read(named))) }
    sources.append(("TENCENTCLOUD_REGION", .success(nonEmpty(environment["TENCENTCLOUD_REGION"]))))
    sources.append(("profile default (\(folder.configureFile(of: "default")))", read("default")))
    return sources
  }

  /// `--endpoint`, else the named profile's `tat.endpoint` (as tccli keeps it), else Tencent's.
  private static func chosenEndpoint(_ flag: String?, named: String?, folder: TCCLIFolder) throws(Problem)
    -> (
      String, String
    )
  {
    if let flag { return (try CloudEndpoint.checked(flag, source: "--endpoint"), "--endpoint") }
    if let named, let endpoint = try folder.endpoint(of: named) {
      let source = "profile \(named) (\(folder.configureFile(of: named)))"
      return (try CloudEndpoint.checked(endpoint, source: source), source)
    }
    return (defaultEndpoint, "default")
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
    guard let credentials = try CredentialSources.profile(path, name: nil) else {
      var isFolder: ObjCBool = false
      let reason =
        !FileManager.default.fileExists(atPath: path, isDirectory: &isFolder)
        ? "no such file"
        : isFolder.boolValue
          ? "a folder, not a credentials file"
          : FileManager.default.isReadableFile(atPath: path)
            ? "empty, or not a regular file" : "cannot read it (permissions?)"
      throw Problem(description: "\(path): \(reason)")
    }
    return credentials
  }

  private static func missingProfile(_ name: String, how: String, in folder: TCCLIFolder) -> String {
    let profiles = folder.profiles
    let found =
      profiles.isEmpty
      ? "there are no profiles in \(folder.path) (tccli configure --profile \(name) makes one)"
      : "profiles found: \(profiles.joined(separator: ", "))"
    return "no profile '\(name)' (\(how)): \(folder.credentialFile(of: name)) does not exist; \(found)"
  }

  static func nonEmpty(_ text: String?) -> String? {
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
      if CloudEndpoint.isTencent(endpoint) {
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
