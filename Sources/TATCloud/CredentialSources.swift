import Foundation

/// Reading credentials from each place `CloudSettings.resolve` looks, and
/// saying which of them lost to the one used.
enum CredentialSources {
  typealias Problem = CloudSettings.Problem

  /// Credentials found, with where they and their token came from.
  struct Found {
    var credentials: Credentials
    var source: String
    var tokenSource: String? = nil
    /// The file they were read from, if any.
    var file: String? = nil
  }

  /// `TENCENTCLOUD_SECRET_ID` and `_KEY`, with the first token variable set.
  static func environment(_ environment: [String: String]) throws(Problem) -> Found? {
    let id = CloudSettings.nonEmpty(environment["TENCENTCLOUD_SECRET_ID"])
    let key = CloudSettings.nonEmpty(environment["TENCENTCLOUD_SECRET_KEY"])
    switch (id, key) {
    case (let id?, let key?):
      let token = environmentToken(environment)
      let credentials = try checked(
        Credentials(secretId: id, secretKey: key, token: token?.value),
        from: "TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY", tokenFrom: token?.variable)
      return Found(
        credentials: credentials, source: "environment (TENCENTCLOUD_SECRET_ID)", tokenSource: token?.variable
      )
    case (nil, nil): return nil
    default: throw Problem(description: CloudSettings.halfSetEnvironment)
    }
  }

  /// The first token variable that is set, and its name.
  static func environmentToken(_ environment: [String: String]) -> (value: String, variable: String)? {
    CloudSettings.tokenVariables.lazy.compactMap { name in
      CloudSettings.nonEmpty(environment[name]).map { ($0, name) }
    }.first
  }

  /// `credentials`, refused when a value holds what no key holds (a space, a
  /// line break): such a value would fail every request, and an HTTP
  /// library's error about it could quote it. The value is never shown.
  static func checked(_ credentials: Credentials, from source: String, tokenFrom tokenSource: String? = nil)
    throws(Problem) -> Credentials
  {
    let values = [
      ("the SecretId", credentials.secretId, source), ("the SecretKey", credentials.secretKey, source),
      ("the token", credentials.token ?? "", tokenSource ?? source),
    ]
    for (what, value, from) in values {
      if let offset = value.unicodeScalars.firstIndex(where: { !(0x21...0x7E).contains($0.value) }) {
        let position = value.unicodeScalars.distance(from: value.unicodeScalars.startIndex, to: offset) + 1
        throw Problem(
          description:
            "\(what) from \(from) holds a space, a line break or another character no key has (character \(position)); set it again without it (a file with Windows line ends?)"
        )
      }
    }
    return credentials
  }

  /// The credentials of a profile file (or of `--credentials FILE`), which
  /// must hold keys; nil when there is no such file.
  static func profile(_ path: String, name: String?) throws(Problem) -> Credentials? {
    guard let object = try TCCLIFolder.jsonObject(at: path) else { return nil }
    let what = name.map { "profile \($0) (\(path))" } ?? path
    if (object["type"] as? String) == "cvm-role" {
      throw Problem(
        description:
          "\(what) uses the CVM role (type cvm-role); tatsh cannot take a role's credentials from the instance's metadata service: give a key pair (secretId and secretKey) instead"
      )
    }
    if let role = CloudSettings.nonEmpty(object["role-arn"] as? String) {
      throw Problem(
        description:
          "\(what) assumes the role \(role) (role-arn); tatsh does not assume roles, and will not sign as the profile's own key instead: assume it first (tccli sts AssumeRole) and give the temporary key in TENCENTCLOUD_SECRET_ID, TENCENTCLOUD_SECRET_KEY and TENCENTCLOUD_TOKEN"
      )
    }
    let id = CloudSettings.nonEmpty(object["secretId"] as? String)
    let key = CloudSettings.nonEmpty(object["secretKey"] as? String)
    guard let id, let key else {
      let missing = [id == nil ? "secretId" : nil, key == nil ? "secretKey" : nil].compactMap { $0 }
      throw Problem(description: "\(path) has no \(missing.joined(separator: " and "))")
    }
    return try checked(
      Credentials(secretId: id, secretKey: key, token: CloudSettings.nonEmpty(object["token"] as? String)),
      from: what)
  }

  /// `TENCENTCLOUD_ROLE_ARN`: tccli would assume that role with the keys of
  /// the environment or the default profile; signing as the plain key instead would act as someone else.
  static func refuseRoleInEnvironment(_ environment: [String: String]) throws(Problem) {
    guard let role = CloudSettings.nonEmpty(environment["TENCENTCLOUD_ROLE_ARN"]) else { return }
    throw Problem(
      description:
        "TENCENTCLOUD_ROLE_ARN asks for the role \(role); tatsh does not assume roles, and will not sign as the key's own identity instead: assume it first (tccli sts AssumeRole) and give the temporary key in TENCENTCLOUD_SECRET_ID, TENCENTCLOUD_SECRET_KEY and TENCENTCLOUD_TOKEN"
    )
  }

  /// The sources of credentials, a token or a role that were found but not
  /// used, each with what came first; never a value.
  static func lost(
    to used: Found, rank: Int, named: (name: String, how: String)?, environment: [String: String],
    folder: TCCLIFolder, environmentKeysAreSet: Bool
  ) -> [String] {
    var lost: [String] = []
    let first = "\(used.source) comes first"
    if rank < 2, let named {
      lost.append("profile \(named.name) (\(named.how)) (\(first))")
    }
    if rank < 3, environmentKeysAreSet {
      lost.append("TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY (\(first))")
    }
    if rank < 4, named?.name != "default",
      FileManager.default.fileExists(atPath: folder.credentialFile(of: "default"))
    {
      lost.append("profile default (\(folder.credentialFile(of: "default"))) (\(first))")
    }
    for variable in CloudSettings.tokenVariables where CloudSettings.nonEmpty(environment[variable]) != nil {
      guard variable != used.tokenSource else { continue }
      let reason =
        used.tokenSource.map { "the token of \($0) comes first" }
        ?? "a token from the environment goes only with keys from the environment or the flags"
      lost.append("\(variable) (\(reason))")
    }
    if rank < 3, CloudSettings.nonEmpty(environment["TENCENTCLOUD_ROLE_ARN"]) != nil {
      lost.append(
        "TENCENTCLOUD_ROLE_ARN (it goes with keys from the environment or the default profile; \(first))")
    }
    return lost
  }
}
