import Foundation
import TatshTestSupport
import Testing

/// `tatsh serve` used by the official TAT SDK for Python, on loopback.
@Suite struct ServeTests {
  @Test func theOfficialSDKReadsTheEmbeddedStoreThroughServe() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let (server, port) = try tatsh.startServer(["--secret-id", "AKIDinterop", "--secret-key", "interop-key"])
    defer {
      server.terminate()
      server.waitUntilExit()
    }
    let listening = String(port)

    let (status, printed) = try OfficialClients.run(
      OfficialClients.sdkPython,
      [OfficialClients.script("sdk_client.py").path, listening, "AKIDinterop", "interop-key"])
    #expect(status == 0, "\(printed)")

    let lines = printed.split(separator: "\n").map(String.init)
    let invocationLine = try #require(lines.first { $0.hasPrefix("invocation ") })
    let invocation = try #require(
      try JSONSerialization.jsonObject(with: Data(invocationLine.dropFirst("invocation ".count).utf8))
        as? [String: Any])
    for (field, value) in SeedPage.exampleInvocation {
      #expect(SeedPage.canonical(invocation[field] as Any) == SeedPage.canonical(value), "\(field)")
    }
    #expect(lines.contains("total 1"))
    #expect(lines.contains("tasks 3 ['invt-6xmuisyq', 'invt-jc2onrxm', 'invt-kakne8h2']"))
    #expect(lines.contains("command print-working-directory"))
    for (check, code) in [
      ("wrong key", "AuthFailure.SignatureFailure"), ("unknown key id", "AuthFailure.SecretIdNotFound"),
      ("signed ten minutes ago", "AuthFailure.SignatureExpire"),
      ("no authorization", "AuthFailure.InvalidAuthorization"), ("unknown action", "InvalidAction"),
      ("old version", "NoSuchVersion"), ("unknown parameter", "UnknownParameter"),
      ("wrong type", "InvalidParameter"), ("malformed json", "InvalidParameter"),
      ("body over 10 MB", "RequestSizeLimitExceeded"), ("conflict", "InvalidParameter.ConflictParameter"),
      ("limit over 100", "InvalidParameterValue.LimitExceeded"),
      ("six filter values", "LimitExceeded.FilterValueExceeded"),
      ("unknown filter", "InvalidParameterValue.InvalidFilter"),
      ("bad invocation id", "InvalidParameterValue.InvalidInvocationId"),
      ("more than 20 a second", "RequestLimitExceeded"),
    ] {
      #expect(lines.contains("\(check) \(code) request-id"), "\(check): \(printed)")
    }
  }

  @Test func theCloudBackendGetsTheSameAnswersAsTheEmbeddedOne() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let (server, port) = try tatsh.startServer(["--secret-id", "AKIDcloud", "--secret-key", "cloud-key"])
    defer {
      server.terminate()
      server.waitUntilExit()
    }
    let cloud = [
      "TENCENTCLOUD_SECRET_ID": "AKIDcloud", "TENCENTCLOUD_SECRET_KEY": "cloud-key",
      "TENCENTCLOUD_REGION": "ap-guangzhou",
    ]
    let endpoint = ["--endpoint", "http://127.0.0.1:\(port)"]
    for pipeline in [
      "invocations where status=FAILED | tasks | select id, instance, exit",
      "commands where created-by=TAT | select id",
      "invocations inv-q4zp60g0 | json", "tasks where instance in (ins-zj0f57ew, ins-zj0f57ex) | count",
    ] {
      let embedded = try tatsh.run(["--backend", "embedded", "-c", pipeline])
      let remote = try tatsh.run(endpoint + ["-c", pipeline], environment: cloud)
      #expect(remote.status == 0, "\(pipeline): \(remote.standardError)")
      #expect(remote.standardOutput == embedded.standardOutput, "\(pipeline)")
    }
  }

  @Test func theCloudBackendKeepsWithinTheAPIsRollingSecondAndDrawsNoThrottle() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let log = tatsh.folder.appendingPathComponent("access.jsonl")
    // The API's own limit, 20 a second per action, counted over any rolling second.
    let (server, port) = try tatsh.startServer([
      "--secret-id", "AKIDpace", "--secret-key", "pace-key", "--access-log", log.path,
    ])
    let paced = try tatsh.run(
      ["--endpoint", "http://127.0.0.1:\(port)", "-c", "set page-size 10; invocations | count"],
      environment: ["TENCENTCLOUD_SECRET_ID": "AKIDpace", "TENCENTCLOUD_SECRET_KEY": "pace-key"])
    server.terminate()
    server.waitUntilExit()
    #expect(paced.status == 0, "\(paced.standardError)")
    #expect(paced.standardOutput == "{\"count\":301}\n")
    let answers = try String(contentsOf: log, encoding: .utf8).split(separator: "\n")
    #expect(answers.count == 31, "31 pages of 10 for 301 invocations, each asked once: \(answers.count)")
    #expect(answers.filter { $0.contains("RequestLimitExceeded") }.isEmpty, "a throttle was drawn")
  }

  @Test func aPortInUseIsSaidInWordsWithTheWayOut() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let (server, port) = try tatsh.startServer(["--secret-id", "AKIDport", "--secret-key", "port-key"])
    defer {
      server.terminate()
      server.waitUntilExit()
    }
    let second = try tatsh.run(
      ["serve", "--port", String(port), "--secret-id", "AKIDport", "--secret-key", "port-key"])
    #expect(second.status == 1)
    #expect(
      second.standardError.contains(
        "tatsh: cannot listen on 127.0.0.1:\(port): another program listens on it; choose another with --port"
      ),
      "\(second.standardError)")
    #expect(!second.standardError.contains("errno"))
  }

  /// A trial found serve sending a failed statement, the store's schema in it, to the client.
  @Test func aStoreFailureTellsTheClientSQLitesCodeButNotTheStatement() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    #expect(try tatsh.run(["-c", "invocations | count"]).status == 0)
    let dropped = try OfficialClients.run(
      URL(fileURLWithPath: "/usr/bin/env"), ["sqlite3", tatsh.storePath, "DROP TABLE command"])
    try #require(dropped.status == 0, "\(dropped.output)")
    let (server, port) = try tatsh.startServer(["--secret-id", "AKIDstore", "--secret-key", "store-key"])
    defer {
      server.terminate()
      server.waitUntilExit()
    }
    let asked = try tatsh.run(
      ["--endpoint", "http://127.0.0.1:\(port)", "--region", "ap-guangzhou", "-c", "commands | count"],
      environment: ["TENCENTCLOUD_SECRET_ID": "AKIDstore", "TENCENTCLOUD_SECRET_KEY": "store-key"])
    #expect(asked.status == 1)
    #expect(
      asked.standardError.contains("InternalError: The embedded store failed: SQLite error 1: no such table"),
      "\(asked.standardError)")
    #expect(asked.standardError.contains("RequestId "))
    #expect(!asked.standardError.contains("SELECT"), "\(asked.standardError)")
  }

  @Test func theCloudBackendWaitsOutTheRateLimitAndReportsErrors() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let (server, port) = try tatsh.startServer([
      "--secret-id", "AKIDcloud", "--secret-key", "cloud-key", "--rate", "4",
    ])
    defer {
      server.terminate()
      server.waitUntilExit()
    }
    let endpoint = ["--endpoint", "http://127.0.0.1:\(port)"]
    let paced = try tatsh.run(
      endpoint + ["-c", "set page-size 25; invocations | count"],
      environment: ["TENCENTCLOUD_SECRET_ID": "AKIDcloud", "TENCENTCLOUD_SECRET_KEY": "cloud-key"])
    #expect(paced.status == 0, "\(paced.standardError)")
    #expect(paced.standardOutput == "{\"count\":301}\n")

    let refused = try tatsh.run(
      endpoint + ["-c", "invocations | count"],
      environment: ["TENCENTCLOUD_SECRET_ID": "AKIDcloud", "TENCENTCLOUD_SECRET_KEY": "not-the-key"])
    #expect(refused.status == 1)
    #expect(refused.standardError.contains("AuthFailure.SignatureFailure"))
    #expect(refused.standardError.contains("RequestId "))
    #expect(!refused.standardError.contains("not-the-key"))

    let noCredentials = try tatsh.run(["--backend", "cloud", "-c", "invocations | count"])
    #expect(noCredentials.status == 2)
    #expect(noCredentials.standardError.contains("no credentials for the cloud backend"))
  }
}
