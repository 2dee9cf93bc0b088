import Crypto
import Foundation
import TATCore

/// TC3-HMAC-SHA256, the signature of Tencent Cloud API 3.0 requests
/// (shared/API.md): a canonical request over `content-type` and `host`,
/// signed with a key derived from the secret key, the UTC date and the service.
///
/// It holds the key it signs with; its description shows the SecretId only.
public struct TC3Signer: Sendable {
  /// The SecretId, which the `Authorization` header names.
  public var secretId: String
  private var secretKey: String
  /// The session token of temporary credentials, sent as `X-TC-Token`.
  public var token: String?
  /// The service in the signature's scope, e.g. `tat`.
  public var service: String

  public init(secretId: String, secretKey: String, token: String? = nil, service: String = "tat") {
    self.secretId = secretId
    self.secretKey = secretKey
    self.token = token
    self.service = service
  }

  /// The `Authorization` header for a POST of `body` to `host` at `timestamp` (seconds since 1970).
  public func authorization(
    body: Data, host: String, contentType: String = "application/json", timestamp: Int
  )
    -> String
  {
    let date = Self.utcDate(timestamp)
    let scope = "\(date)/\(service)/tc3_request"
    let canonicalRequest = [
      "POST", "/", "", "content-type:\(contentType.trimmingCharacters(in: .whitespaces))",
      "host:\(host.trimmingCharacters(in: .whitespaces))", "", "content-type;host",
      Self.hex(SHA256.hash(data: body)),
    ].joined(separator: "\n")
    let stringToSign = [
      "TC3-HMAC-SHA256", String(timestamp), scope, Self.hex(SHA256.hash(data: Data(canonicalRequest.utf8))),
    ].joined(separator: "\n")
    let dateKey = Self.hmac(key: SymmetricKey(data: Data(("TC3" + secretKey).utf8)), date)
    let serviceKey = Self.hmac(key: SymmetricKey(data: dateKey), service)
    let signingKey = Self.hmac(key: SymmetricKey(data: serviceKey), "tc3_request")
    let signature = Self.hex(Self.hmac(key: SymmetricKey(data: signingKey), stringToSign))
    return
      "TC3-HMAC-SHA256 Credential=\(secretId)/\(scope), SignedHeaders=content-type;host, Signature=\(signature)"
  }

  /// Every header of an API 3.0 request: action, version, time, region, token, language, signature.
  public func headers(
    action: String, version: String, region: String?, body: Data, host: String, timestamp: Int,
    language: String? = nil
  ) -> [String: String] {
    var headers = [
      "Content-Type": "application/json", "Host": host, "X-TC-Action": action, "X-TC-Version": version,
      "X-TC-Timestamp": String(timestamp),
      "Authorization": authorization(body: body, host: host, timestamp: timestamp),
    ]
    if let region { headers["X-TC-Region"] = region }
    if let token { headers["X-TC-Token"] = token }
    if let language { headers["X-TC-Language"] = language }
    return headers
  }

  private static func hmac(key: SymmetricKey, _ message: String) -> Data {
    Data(HMAC<SHA256>.authenticationCode(for: Data(message.utf8), using: key))
  }

  private static let hexDigits = Array("0123456789abcdef".utf8)

  /// Lower-case hex, as the signature's steps write digests.
  private static func hex(_ bytes: some Sequence<UInt8>) -> String {
    var digits: [UInt8] = []
    digits.reserveCapacity(64)
    for byte in bytes {
      digits.append(hexDigits[Int(byte >> 4)])
      digits.append(hexDigits[Int(byte & 0x0f)])
    }
    return String(decoding: digits, as: UTF8.self)
  }

  /// `YYYY-MM-DD` of `timestamp` in UTC.
  static func utcDate(_ timestamp: Int) -> String {
    String(APITimestamp.string(fromEpochSeconds: timestamp).prefix(10))
  }
}

extension TC3Signer: CustomStringConvertible, CustomDebugStringConvertible {
  public var description: String {
    "TC3Signer(secretId: \(secretId), secretKey: <hidden>\(token == nil ? "" : ", token: <hidden>"), service: \(service))"
  }
  public var debugDescription: String { description }
}
