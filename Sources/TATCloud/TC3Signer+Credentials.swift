import TATSigning

extension TC3Signer {
  /// A signer with the key pair, and the token if any, of `credentials`.
  public init(credentials: Credentials, service: String = "tat") {
    self.init(
      secretId: credentials.secretId, secretKey: credentials.secretKey, token: credentials.token,
      service: service)
  }
}
