/// An API key pair, and a session token for temporary credentials.
/// Its description never shows the secret key or the token.
public struct Credentials: Sendable, Hashable {
  public var secretId: String
  public var secretKey: String
  public var token: String?

  public init(secretId: String, secretKey: String, token: String? = nil) {
    self.secretId = secretId
    self.secretKey = secretKey
    self.token = token
  }
}

extension Credentials: CustomStringConvertible, CustomDebugStringConvertible {
  public var description: String {
    "Credentials(secretId: \(secretId), secretKey: <hidden>\(token == nil ? "" : ", token: <hidden>"))"
  }
  public var debugDescription: String { description }
}

extension Credentials {
  /// The SecretId as tccli shows it: its last four characters, the rest hidden.
  public var maskedSecretId: String {
    "****" + (secretId.count > 8 ? String(secretId.suffix(4)) : "")
  }
}
