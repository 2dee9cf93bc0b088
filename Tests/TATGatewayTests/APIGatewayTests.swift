import Foundation
import TATCloud
import TATCore
import TATEmbedded
import TATSigning
import TatshTestSupport
import Testing

@testable import TATGateway

/// The API 3.0 protocol in front of the embedded store, without HTTP.
@Suite struct APIGatewayTests {
  static let credentials = Credentials(secretId: "AKIDgateway", secretKey: "gateway-key")
  let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
    "tatsh-gateway-\(UUID().uuidString)")

  func gateway(
    rate: Int = 20, keys: [String: String] = [credentials.secretId: credentials.secretKey],
    allowsChanges: Bool = false, store name: String = "tat.sqlite",
    clock: @escaping @Sendable () -> Date = Date.init
  ) throws -> APIGateway {
    let store = try SeededStore(invocations: 20, seed: 1, in: folder, name: name).store
    return APIGateway(
      service: store, keys: keys, allowsChanges: allowsChanges, requestsPerSecond: rate, clock: clock)
  }

  func headers(
    action: String = "DescribeInvocations", body: String, timestamp: Int, key: Credentials = credentials
  )
    -> [String: String]
  {
    let host = "127.0.0.1:9000"
    let signed = TC3Signer(credentials: key).headers(
      action: action, version: "2020-10-28", region: "ap-guangzhou", body: Data(body.utf8), host: host,
      timestamp: timestamp)
    return Dictionary(uniqueKeysWithValues: signed.map { ($0.key.lowercased(), $0.value) })
  }

  func answer(_ gateway: APIGateway, _ headers: [String: String], _ body: String, now: Int) async throws
    -> [String: Any]
  {
    let data = await gateway.respond(headers: headers, body: Data(body.utf8), now: now)
    let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    return try #require(object["Response"] as? [String: Any])
  }

  func code(_ response: [String: Any]) -> String? {
    (response["Error"] as? [String: Any])?["Code"] as? String
  }

  @Test func aSignedRequestIsAnsweredInTheEnvelope() async throws {
    defer { try? FileManager.default.removeItem(at: folder) }
    let gateway = try gateway()
    let body = #"{"InvocationIds":["inv-q4zp60g0"],"Limit":1}"#
    let now = 1_800_000_000
    let response = try await answer(gateway, headers(body: body, timestamp: now), body, now: now)
    #expect(response["TotalCount"] as? Int == 1)
    #expect(
      ((response["InvocationSet"] as? [[String: Any]])?.first?["InvocationId"]) as? String == "inv-q4zp60g0")
    #expect((response["RequestId"] as? String)?.count == 36)
  }

  @Test func everyProblemHasItsCodeAndARequestId() async throws {
    defer { try? FileManager.default.removeItem(at: folder) }
    let gateway = try gateway()
    let now = 1_800_000_000
    let body = #"{"Limit":1}"#
    var unsigned = headers(body: body, timestamp: now)
    unsigned["authorization"] = nil
    let cases: [([String: String], String, String)] = [
      (
        headers(body: body, timestamp: now).merging(["x-tc-action": "RunEverything"]) { $1 }, body,
        "InvalidAction"
      ),
      (
        headers(body: body, timestamp: now).merging(["x-tc-version": "2017-03-12"]) { $1 }, body,
        "NoSuchVersion"
      ),
      (unsigned, body, "AuthFailure.InvalidAuthorization"),
      (
        headers(body: body, timestamp: now, key: Credentials(secretId: "AKIDother", secretKey: "x")), body,
        "AuthFailure.SecretIdNotFound"
      ),
      (
        headers(body: body, timestamp: now, key: Credentials(secretId: "AKIDgateway", secretKey: "wrong")),
        body, "AuthFailure.SignatureFailure"
      ),
      (headers(body: body, timestamp: now - 301), body, "AuthFailure.SignatureExpire"),
      (headers(body: body, timestamp: now), #"{"Limit":2}"#, "AuthFailure.SignatureFailure"),
      (headers(body: #"{"Limit":"ten"}"#, timestamp: now), #"{"Limit":"ten"}"#, "InvalidParameter"),
      (headers(body: #"{"Limt":1}"#, timestamp: now), #"{"Limt":1}"#, "UnknownParameter"),
      (headers(body: "{not json", timestamp: now), "{not json", "InvalidParameter"),
      (
        headers(body: #"{"Limit":101}"#, timestamp: now), #"{"Limit":101}"#,
        "InvalidParameterValue.LimitExceeded"
      ),
      (
        headers(body: #"{"InvocationIds":["inv-q4zp60g0"],"Filters":[]}"#, timestamp: now),
        #"{"InvocationIds":["inv-q4zp60g0"],"Filters":[]}"#, "InvalidParameter.ConflictParameter"
      ),
    ]
    for (headers, body, expected) in cases {
      let response = try await answer(gateway, headers, body, now: now)
      #expect(code(response) == expected, "\(expected)")
      #expect((response["RequestId"] as? String)?.count == 36)
    }
  }

  @Test func withNoKeysNothingIsAnsweredNotEvenAGoodSignature() async throws {
    defer { try? FileManager.default.removeItem(at: folder) }
    let gateway = try gateway(keys: [:])
    let body = #"{"Limit":1}"#
    let response = try await answer(
      gateway, headers(body: body, timestamp: 1_800_000_000), body, now: 1_800_000_000)
    #expect(code(response) == "AuthFailure.SecretIdNotFound")
  }

  @Test func actionsThatRunAreRefusedUnlessAllowedAndTheAuditSaysWhatTheyTouched() async throws {
    defer { try? FileManager.default.removeItem(at: folder) }
    let now = 1_800_000_000
    let body = #"{"InvocationId":"inv-zzzzzzzz","InstanceIds":["mi-local001"]}"#
    let signed = headers(action: "CancelInvocation", body: body, timestamp: now)
    let refused = await (try gateway()).answer(headers: signed, body: Data(body.utf8), now: now)
    #expect(refused.access.code == "UnauthorizedOperation")
    #expect(String(decoding: refused.body, as: UTF8.self).contains("--allow-run"))
    #expect(refused.access.instanceIds == ["mi-local001"], "what the refused request asked to touch")
    #expect(refused.access.invocationId == "inv-zzzzzzzz")
    let allowed = await (try gateway(allowsChanges: true, store: "allowed.sqlite")).answer(
      headers: signed, body: Data(body.utf8), now: now)
    #expect(allowed.access.code == "ResourceNotFound.InvocationNotFound")
    #expect(allowed.access.invocationId == "inv-zzzzzzzz")
    #expect(allowed.access.instanceIds == ["mi-local001"])
    #expect(allowed.access.secretId == Self.credentials.secretId)
    #expect(String(decoding: allowed.body, as: UTF8.self).contains(allowed.access.requestId))
    let line = String(decoding: allowed.access.line, as: UTF8.self)
    #expect(!line.contains(Self.credentials.secretKey) && !line.contains("Signature"))
  }

  @Test(arguments: TATActions.all.map { $0.action })
  func aKeyThatIsNotAParameterOfTheActionIsRefused(action: String) async throws {
    defer { try? FileManager.default.removeItem(at: folder) }
    let gateway = try gateway(allowsChanges: true)
    let now = 1_800_000_000
    let body = #"{"NoSuchParameter":1}"#
    let response = try await answer(
      gateway, headers(action: action, body: body, timestamp: now), body, now: now)
    #expect(code(response) == "UnknownParameter")
    #expect(
      (response["Error"] as? [String: Any])?["Message"] as? String
        == "`NoSuchParameter` is not a parameter of \(action).")
    #expect((response["RequestId"] as? String)?.count == 36)
  }

  @Test func describeRegionsAnswersTheKnownRegionsAllAvailable() async throws {
    defer { try? FileManager.default.removeItem(at: folder) }
    let gateway = try gateway()
    let now = 1_800_000_000
    for body in ["", "{}"] {
      let response = try await answer(
        gateway, headers(action: "DescribeRegions", body: body, timestamp: now), body, now: now)
      #expect(code(response) == nil, "\(response)")
      let regions = try #require(response["RegionSet"] as? [[String: Any]])
      #expect(response["TotalCount"] as? Int == Regions.known.count)
      #expect(regions.compactMap { $0["Region"] as? String } == Regions.known)
      #expect(regions.allSatisfy { $0["RegionState"] as? String == "AVAILABLE" })
      #expect(regions.allSatisfy { ($0["RegionName"] as? String)?.isEmpty == false })
      #expect(regions.allSatisfy { $0.count == 3 }, "Region, RegionName and RegionState, no more")
      #expect(
        regions.first { $0["Region"] as? String == "ap-guangzhou" }?["RegionName"] as? String
          == "South China (Guangzhou)")
      #expect((response["RequestId"] as? String)?.count == 36)
    }
  }

  @Test func signaturesAreComparedWholeAndOnlyWhole() {
    #expect(APIGateway.constantTimeEqual("abc", "abc"))
    #expect(!APIGateway.constantTimeEqual("abc", "abd"))
    #expect(!APIGateway.constantTimeEqual("abc", "abcd"))
    #expect(!APIGateway.constantTimeEqual("", "a"))
  }

  @Test func aBodyOverTenMegabytesIsRefused() async throws {
    defer { try? FileManager.default.removeItem(at: folder) }
    let gateway = try gateway()
    let body = "{\"Pad\":\"" + String(repeating: "x", count: 10 * 1024 * 1024) + "\"}"
    let response = try await answer(
      gateway, headers(body: body, timestamp: 1_800_000_000), body, now: 1_800_000_000)
    #expect(code(response) == "RequestSizeLimitExceeded")
  }

  @Test func moreThanTheRateIsRefusedAndTheRestServed() async throws {
    defer { try? FileManager.default.removeItem(at: folder) }
    // The limiter's clock stands still unless the test moves it, so a slow
    // machine cannot move the window between requests.
    let clock = SettableClock()
    let gateway = try gateway(rate: 2, clock: { clock.now })
    let body = #"{"Limit":1}"#
    let now = Int(Date().timeIntervalSince1970)
    func codes(_ count: Int, action: String = "DescribeInvocations") async throws -> [String?] {
      var codes: [String?] = []
      for _ in 0..<count {
        codes.append(
          code(try await answer(gateway, headers(action: action, body: body, timestamp: now), body, now: now))
        )
      }
      return codes
    }
    #expect(
      try await codes(5) == [
        nil, nil, "RequestLimitExceeded", "RequestLimitExceeded", "RequestLimitExceeded",
      ])
    #expect(try await codes(1, action: "DescribeCommands") == [nil], "the limit is per action")
    clock.advance(by: 0.5)
    #expect(try await codes(1) == ["RequestLimitExceeded"], "a rolling second: half of one frees nothing")
    clock.advance(by: 0.5)
    #expect(
      try await codes(3) == [nil, nil, "RequestLimitExceeded"], "a second after the first two, two more")
    clock.advance(by: 10)
    #expect(try await codes(3) == [nil, nil, "RequestLimitExceeded"], "no burst after a rest")
    clock.advance(by: 0.999)
    #expect(try await codes(1) == ["RequestLimitExceeded"], "not one request early")
  }

  @Test func aBodyOfMoreValuesThanAnyActionTakesIsRefusedBeforeItIsParsed() async throws {
    defer { try? FileManager.default.removeItem(at: folder) }
    let gateway = try gateway()
    let now = 1_793_000_000
    let ids = (0..<100).map { "\"inv-\(String(format: "%08x", $0))\"" }.joined(separator: ",")
    let largestValid = #"{"InvocationIds":["# + ids + #"],"Limit":100}"#
    #expect(
      code(try await answer(gateway, headers(body: largestValid, timestamp: now), largestValid, now: now))
        == nil)
    // Commas and brackets inside strings are not values.
    let inString =
      #"{"Filters":[{"Name":"invocation-id","Values":[""# + String(repeating: "[,{", count: 20_000)
      + #""]}]}"#
    #expect(
      code(try await answer(gateway, headers(body: inString, timestamp: now), inString, now: now))
        == "InvalidParameterValue.InvalidInvocationId")
    let flood =
      #"{"Filters":["#
      + Array(repeating: #"{"Name":"invocation-id","Values":["x"]}"#, count: 5_000)
      .joined(separator: ",") + "]}"
    let refused = try await answer(gateway, headers(body: flood, timestamp: now), flood, now: now)
    #expect(code(refused) == "InvalidParameter")
    #expect(
      (refused["Error"] as? [String: Any])?["Message"] as? String
        == "The request body holds more than 10000 JSON values; no action takes so many.")
  }
}

/// A clock for the rate limit that moves only when told.
final class SettableClock: @unchecked Sendable {
  // `current` is guarded by `lock`.
  private let lock = NSLock()
  private var current = Date(timeIntervalSince1970: 1_800_000_000)

  var now: Date { lock.withLock { current } }

  func advance(by seconds: TimeInterval) {
    lock.withLock { current += seconds }
  }
}
