import Foundation
import Testing

@testable import TATCloud
@testable import TATSigning

/// The signer against what the official Python SDK signs for the same
/// request (Fixtures/tc3-vector.json, written by make-tc3-vector.py).
@Suite struct TC3SignerTests {
  struct Vector: Decodable {
    var secretId: String
    var secretKey: String
    var token: String?
    var timestamp: Int
    var region: String
    var host: String
    var body: String
    var headers: [String: String]
  }

  static func vectors() throws -> [String: Vector] {
    let url = try #require(Bundle.module.url(forResource: "tc3-vector", withExtension: "json"))
    return try JSONDecoder().decode([String: Vector].self, from: Data(contentsOf: url))
  }

  @Test func signsAsTheOfficialSDKDoes() throws {
    for (name, vector) in try Self.vectors() {
      let signer = TC3Signer(
        credentials: Credentials(secretId: vector.secretId, secretKey: vector.secretKey, token: vector.token))
      let headers = signer.headers(
        action: "DescribeInvocations", version: "2020-10-28", region: vector.region,
        body: Data(vector.body.utf8),
        host: vector.host, timestamp: vector.timestamp, language: "en-US")
      #expect(headers == vector.headers, "\(name)")
    }
  }

  @Test func anyChangeToTheBodyOrTimeChangesTheSignature() throws {
    let vector = try #require(try Self.vectors()["plain"])
    let signer = TC3Signer(credentials: Credentials(secretId: vector.secretId, secretKey: vector.secretKey))
    let original = signer.authorization(
      body: Data(vector.body.utf8), host: vector.host, timestamp: vector.timestamp)
    #expect(original == vector.headers["Authorization"])
    #expect(
      signer.authorization(
        body: Data((vector.body + " ").utf8), host: vector.host, timestamp: vector.timestamp) != original)
    #expect(
      signer.authorization(body: Data(vector.body.utf8), host: vector.host, timestamp: vector.timestamp + 1)
        != original)
  }

  @Test func theUTCDateOfTheScope() {
    #expect(TC3Signer.utcDate(1_604_906_519) == "2020-11-09")
    #expect(TC3Signer.utcDate(1_604_966_399) == "2020-11-09")
    #expect(TC3Signer.utcDate(1_604_966_400) == "2020-11-10")
  }

  @Test func credentialsNeverPrintTheirSecrets() {
    let credentials = Credentials(secretId: "AKIDexample", secretKey: "very-secret", token: "session-token")
    let printed = "\(credentials) \(String(describing: credentials)) \(String(reflecting: credentials))"
    #expect(printed.contains("AKIDexample"))
    #expect(!printed.contains("very-secret"))
    #expect(!printed.contains("session-token"))
  }
}
