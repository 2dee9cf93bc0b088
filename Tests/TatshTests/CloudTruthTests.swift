import Foundation
import TatshTestSupport
import Testing

/// The cloud path tells the truth (issue 21): which credentials, region and
/// endpoint are used, from where, and why a call failed; through the real
/// binary against `tatsh serve` and the fault endpoint on loopback.
@Suite struct CloudTruthTests {
  /// A profile in this binary's `~/.tccli`.
  func writeProfile(_ tatsh: TatshBinary, _ name: String, credential: String, configure: String? = nil) throws
  {
    let folder = tatsh.folder.appendingPathComponent(".tccli")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try credential.write(
      to: folder.appendingPathComponent("\(name).credential"), atomically: true, encoding: .utf8)
    try FileManager.default.setAttributes(
      [.posixPermissions: 0o600], ofItemAtPath: folder.appendingPathComponent("\(name).credential").path)
    if let configure {
      try configure.write(
        to: folder.appendingPathComponent("\(name).configure"), atomically: true, encoding: .utf8)
    }
  }

  static let cloudOnlyOptions: [[String]] = [
    ["--endpoint", "http://127.0.0.1:9"], ["--region", "ap-guangzhou"], ["--profile", "prod"],
    ["--cacert", "/etc/hostname"], ["--timeout", "5"],
  ]

  @Test(arguments: cloudOnlyOptions)
  func noCloudOptionWithoutCredentialsYieldsDemoData(_ option: [String]) throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let result = try tatsh.run(option + ["-c", "invocations | first 1 | get id"])
    #expect(result.status == 2, "\(option): \(result.standardError)")
    #expect(result.standardOutput.isEmpty, "no demo ids: \(result.standardOutput)")
    if option[0] == "--profile" {
      #expect(result.standardError.contains("no profile 'prod' (--profile)"), "\(result.standardError)")
    } else {
      #expect(
        result.standardError.contains("\(option[0]) is for the cloud backend, but no credentials were found"))
      #expect(result.standardError.contains("looked for --secret-id and --secret-key"))
    }
    #expect(!FileManager.default.fileExists(atPath: tatsh.storePath), "the demo store was seeded")
    let embedded = try tatsh.run(["--backend", "embedded"] + option + ["-c", "invocations | count"])
    #expect(embedded.status == 2)
    #expect(embedded.standardOutput.isEmpty)
    #expect(
      embedded.standardError.contains("--backend embedded does not use it"), "\(embedded.standardError)")
  }

  /// The precedence table of the README, row by row, against serve: only
  /// the right key is accepted, so each row shows which source won.
  @Test func credentialsComeFromFlagsThenANamedProfileThenTheEnvironmentThenTheDefaultProfile() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let server = try tatsh.startServer(["--secret-id", "AKIDright0000000001", "--secret-key", "right-key"])
    defer { server.process.terminate() }
    let endpoint = ["--endpoint", "http://127.0.0.1:\(server.port)", "--region", "ap-guangzhou"]
    let right = #"{"secretId":"AKIDright0000000001","secretKey":"right-key"}"#
    let wrong = #"{"secretId":"AKIDwrong0000000002","secretKey":"wrong-key"}"#
    try writeProfile(tatsh, "prod", credential: right)
    try writeProfile(tatsh, "stale", credential: wrong)
    let rightFile = tatsh.folder.appendingPathComponent(".tccli/prod.credential").path
    let wrongEnvironment = [
      "TENCENTCLOUD_SECRET_ID": "AKIDwrong0000000003", "TENCENTCLOUD_SECRET_KEY": "wrong",
    ]
    let rightEnvironment = [
      "TENCENTCLOUD_SECRET_ID": "AKIDright0000000001", "TENCENTCLOUD_SECRET_KEY": "right-key",
    ]
    func count(_ flags: [String], _ environment: [String: String]) throws -> TatshBinary.Result {
      try tatsh.run(flags + endpoint + ["-c", "invocations | count"], environment: environment)
    }
    // 1. flags: over a named profile and the environment
    var result = try count(
      ["--secret-id", "AKIDright0000000001", "--secret-key", "right-key", "--profile", "stale"],
      wrongEnvironment)
    #expect(result.status == 0, "\(result.standardError)")
    result = try count(["--credentials", rightFile, "--profile", "stale"], wrongEnvironment)
    #expect(result.status == 0, "\(result.standardError)")
    // 2. a named profile: over the environment
    result = try count(["--profile", "prod"], wrongEnvironment)
    #expect(result.status == 0, "\(result.standardError)")
    result = try count([], wrongEnvironment.merging(["TCCLI_PROFILE": "prod"]) { $1 })
    #expect(result.status == 0, "\(result.standardError)")
    result = try count(["--profile", "prod"], ["TCCLI_PROFILE": "stale"])
    #expect(result.status == 0, "--profile over TCCLI_PROFILE: \(result.standardError)")
    // 3. the environment: over the default profile
    try writeProfile(tatsh, "default", credential: wrong)
    result = try count([], rightEnvironment)
    #expect(result.status == 0, "\(result.standardError)")
    // and the error names the identity that was refused, masked, and where it came from
    result = try count([], wrongEnvironment)
    #expect(result.status == 1)
    #expect(
      result.standardError.contains(
        "AuthFailure.SecretIdNotFound: The SecretId is not known to this server. (signed with SecretId ****0003 from environment (TENCENTCLOUD_SECRET_ID))"
      ), "\(result.standardError)")
    #expect(!result.standardError.contains("AKIDwrong0000000003"))
    // 4. the default profile, last
    result = try count([], [:])
    #expect(result.standardError.contains("****0002 from profile default"), "\(result.standardError)")
    try writeProfile(tatsh, "default", credential: right)
    result = try count([], [:])
    #expect(result.status == 0, "\(result.standardError)")
  }

  @Test func tokensAndRegionsReachTheWireFromTheSourceThatWon() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let endpoint = try FaultEndpoint()
    defer { endpoint.stop() }
    let keys = ["TENCENTCLOUD_SECRET_ID": "AKIDenv", "TENCENTCLOUD_SECRET_KEY": "env-key"]
    for variable in ["TENCENTCLOUD_TOKEN", "TENCENTCLOUD_SESSION_TOKEN", "TENCENTCLOUD_SECURITY_TOKEN"] {
      let result = try tatsh.run(
        ["--endpoint", endpoint.url, "--region", "ap-shanghai", "-c", "invocations | first 1 | count"],
        environment: keys.merging([variable: "token-of-\(variable)"]) { $1 })
      #expect(result.status == 0, "\(result.standardError)")
      let last = try #require(endpoint.requests().last)
      #expect(last["token"] as? String == "token-of-\(variable)", "\(variable)")
      #expect(last["region"] as? String == "ap-shanghai")
      #expect(last["secretId"] as? String == "AKIDenv")
    }
    // A named profile's key goes without the environment's token, and with its own region.
    try writeProfile(
      tatsh, "prod", credential: #"{"secretId":"AKIDprod","secretKey":"prod-key"}"#,
      configure: #"{"_sys_param":{"region":"ap-beijing"}}"#)
    let result = try tatsh.run(
      ["--endpoint", endpoint.url, "--profile", "prod", "-c", "invocations | first 1 | count"],
      environment: keys.merging(["TENCENTCLOUD_TOKEN": "env-token", "TENCENTCLOUD_REGION": "ap-shanghai"]) {
        $1
      })
    #expect(result.status == 0, "\(result.standardError)")
    let last = try #require(endpoint.requests().last)
    #expect(last["secretId"] as? String == "AKIDprod")
    #expect(last["token"] is NSNull, "the environment's token is not mixed with the profile's key")
    #expect(last["region"] as? String == "ap-beijing")
  }

  @Test func rolesAreRefusedNotSignedForWithAnotherIdentity() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    try writeProfile(
      tatsh, "role",
      credential:
        #"{"secretId":"AKIDbase","secretKey":"k","role-arn":"qcs::cam::uin/1:roleName/ops","role-session-name":"s"}"#
    )
    try writeProfile(tatsh, "cvm", credential: #"{"type":"cvm-role"}"#)
    let role = try tatsh.run(["--profile", "role", "--region", "ap-guangzhou", "-c", "invocations | count"])
    #expect(role.status == 2)
    #expect(
      role.standardError.contains("assumes the role qcs::cam::uin/1:roleName/ops (role-arn)"),
      "\(role.standardError)")
    let cvm = try tatsh.run(["--profile", "cvm", "--region", "ap-guangzhou", "-c", "invocations | count"])
    #expect(cvm.status == 2)
    #expect(cvm.standardError.contains("uses the CVM role (type cvm-role)"), "\(cvm.standardError)")
    let environment = try tatsh.run(
      ["-c", "invocations | count"],
      environment: [
        "TENCENTCLOUD_SECRET_ID": "AKIDx", "TENCENTCLOUD_SECRET_KEY": "k",
        "TENCENTCLOUD_ROLE_ARN": "qcs::cam::x",
      ])
    #expect(environment.status == 2)
    #expect(environment.standardError.contains("TENCENTCLOUD_ROLE_ARN asks for the role qcs::cam::x"))
  }

  @Test func regionsAreChecked() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let server = try tatsh.startServer(["--secret-id", "AKIDregion", "--secret-key", "region-key"])
    defer { server.process.terminate() }
    let flags = [
      "--endpoint", "http://127.0.0.1:\(server.port)", "--secret-id", "AKIDregion", "--secret-key",
      "region-key",
    ]
    let upper = try tatsh.run(flags + ["--region", "AP-GUANGZHOU", "-c", "invocations | count"])
    #expect(upper.status == 2)
    #expect(upper.standardError.contains("did you mean 'ap-guangzhou'?"), "\(upper.standardError)")
    let empty = try tatsh.run(flags + ["--region", "", "-c", "invocations | count"])
    #expect(empty.status == 2)
    #expect(empty.standardError.contains("'' (--region) is not a region"), "\(empty.standardError)")
    let unknown = try tatsh.run(flags + ["--region", "xx-nowhere-9", "-c", "invocations | count"])
    #expect(unknown.status == 1)
    #expect(unknown.standardError.contains("warning: 'xx-nowhere-9' (--region) is not a region tatsh knows"))
    #expect(
      unknown.standardError.contains("UnsupportedRegion: The region `xx-nowhere-9` is not supported"),
      "serve answers as the cloud does: \(unknown.standardError)")
    let none = try tatsh.run(flags + ["-c", "invocations | count"])
    #expect(none.status == 0)
    #expect(none.standardError.contains("warning: no region was given"), "\(none.standardError)")
    // Tencent Cloud's own endpoint needs one: refused before anything is sent.
    let cloud = try tatsh.run(["--secret-id", "AKIDregion", "--secret-key", "k", "-c", "invocations | count"])
    #expect(cloud.status == 2)
    #expect(
      cloud.standardError.contains("Tencent Cloud needs a region, and none was given"),
      "\(cloud.standardError)")
  }

  @Test func networkErrorsSayWhatHappenedWithinTheTimeout() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let keys = ["--secret-id", "AKIDnet", "--secret-key", "k", "--region", "ap-guangzhou"]
    let closed = try FaultEndpoint()
    let closedPort = closed.port
    closed.stop()
    let refused = try tatsh.run(
      keys + ["--endpoint", "http://127.0.0.1:\(closedPort)", "-c", "invocations | count"])
    #expect(refused.status == 1)
    #expect(refused.standardError.contains("connection refused"), "\(refused.standardError)")
    #expect(refused.standardError.contains("(tried 4 times)"))
    #expect(!refused.standardError.contains("reset"))

    let server = try tatsh.startServer(["--secret-id", "AKIDnet", "--secret-key", "k"])
    defer { server.process.terminate() }
    let schemeless = try tatsh.run(
      keys + ["--endpoint", "127.0.0.1:\(server.port)", "-c", "invocations | count"])
    #expect(schemeless.status == 1)
    #expect(
      schemeless.standardError.contains("does not speak TLS")
        && schemeless.standardError.contains("--endpoint http://127.0.0.1:\(server.port)"),
      "\(schemeless.standardError)")
    #expect(
      !schemeless.standardError.contains("WRONG_VERSION_NUMBER") && !schemeless.standardError.contains(".c:"))

    // --timeout bounds the whole call, its retries included.
    let slow = try FaultEndpoint(["--fault", "slow", "--delay", "10", "--times", "0"])
    defer { slow.stop() }
    let started = Date()
    let timedOut = try tatsh.run(
      keys + ["--endpoint", slow.url, "--timeout", "2", "-c", "invocations | count"])
    #expect(timedOut.status == 1)
    #expect(timedOut.standardError.contains("within 2 s, the --timeout"), "\(timedOut.standardError)")
    #expect(Date().timeIntervalSince(started) < 6, "it took \(Date().timeIntervalSince(started)) s")
    #expect(
      timedOut.standardError.contains("(tried 2 times; another would not fit within 2 s"),
      "a read was tried again inside the budget"
    )
  }

  @Test func retriesAreShownAndCountedApartFromRequests() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let endpoint = try FaultEndpoint(["--fault", "rate-limit", "--times", "3"])
    defer { endpoint.stop() }
    let result = try tatsh.run(
      [
        "--verbose", "--endpoint", endpoint.url, "--region", "ap-guangzhou", "-c",
        "set timing on; invocations | first 1 | count",
      ], environment: ["TENCENTCLOUD_SECRET_ID": "AKIDretry", "TENCENTCLOUD_SECRET_KEY": "k"])
    #expect(result.status == 0, "\(result.standardError)")
    let retries = result.standardError.split(separator: "\n").filter {
      $0.hasPrefix("tatsh: retry DescribeInvocations: RequestLimitExceeded (RequestId fault-req-000")
    }
    #expect(retries.count == 3, "\(result.standardError)")
    #expect(result.standardError.contains("attempt 2 of 10 in"))
    #expect(
      result.standardError.contains("1 request; 4 sent, 3 retried, 3 throttled)"), "\(result.standardError)")
  }

  @Test func smallThingsTellTheTruth() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let yes = try tatsh.run(["--yes", "-c", "invocations | count"])
    #expect(yes.status == 2)
    #expect(
      yes.standardError.contains("--yes belongs to the stage that changes something"), "\(yes.standardError)")

    try writeProfile(tatsh, "prod", credential: #"{"secretId":"AKIDprod","secretKey":"k"}"#)
    try writeProfile(
      tatsh, "test", credential: "{\n  \"secretId\": \"AKIDtest\",\n  \"secretKey\" \"k\"\n}\n")
    let missing = try tatsh.run(["--profile", "staging", "-c", "invocations | count"])
    #expect(missing.status == 2)
    #expect(missing.standardError.contains("no profile 'staging' (--profile)"))
    #expect(missing.standardError.contains("profiles found: prod, test"), "\(missing.standardError)")
    let malformed = try tatsh.run(["--profile", "test", "-c", "invocations | count"])
    #expect(malformed.status == 2)
    #expect(
      malformed.standardError.contains("/.tccli/test.credential:3:15: not valid JSON"),
      "\(malformed.standardError)")

    let dry = try tatsh.run(["-c", "set dry-run on; run 'echo hello; uptime' on mi-local001"])
    #expect(
      dry.standardError.contains("  Content, decoded:\n    echo hello; uptime\n"), "\(dry.standardError)")
  }

  @Test func watchSaysWhenARefreshTookLongerThanItsInterval() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let endpoint = try FaultEndpoint(["--fault", "slow", "--delay", "1.5", "--times", "0"])
    defer { endpoint.stop() }
    let result = try tatsh.run(
      [
        "--endpoint", endpoint.url, "--region", "ap-guangzhou", "-c",
        "watch 1s invocations | first 1 | count",
      ],
      environment: ["TENCENTCLOUD_SECRET_ID": "AKIDwatch", "TENCENTCLOUD_SECRET_KEY": "k"],
      wrapper: ["/usr/bin/timeout", "-s", "INT", "5"])
    #expect(result.standardError.contains("longer than the interval"), "\(result.standardError)")
    #expect(
      result.standardOutput.hasPrefix("{\"count\":1}\n"), "only records on stdout: \(result.standardOutput)")
  }

  @Test func configShowsEachSettingAndWhereItCameFrom() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    try writeProfile(
      tatsh, "prod", credential: #"{"secretId":"AKIDprod0000000009","secretKey":"k","token":"t"}"#,
      configure: #"{"_sys_param":{"region":"ap-shanghai"}}"#)
    let result = try tatsh.run(
      ["config", "--profile", "prod", "--endpoint", "http://127.0.0.1:9"],
      environment: [
        "TENCENTCLOUD_SECRET_ID": "AKIDenv", "TENCENTCLOUD_SECRET_KEY": "k",
        "TENCENTCLOUD_REGION": "ap-beijing",
      ])
    #expect(result.status == 0, "\(result.standardError)")
    let lines = result.standardOutput.split(separator: "\n").map {
      $0.split(separator: " ").joined(separator: " ")
    }
    #expect(lines.contains("backend cloud credentials found"), "\(result.standardOutput)")
    #expect(lines.contains("endpoint http://127.0.0.1:9 --endpoint"))
    #expect(lines.contains { $0.hasPrefix("region ap-shanghai profile prod (") })
    #expect(lines.contains("secret-id ****0009 profile prod (--profile)"))
    #expect(lines.contains("token present profile prod (--profile)"))
    #expect(lines.contains("timeout 30 s default"))
    #expect(lines.contains { $0.hasPrefix("not used: TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY") })
    #expect(lines.contains { $0.hasPrefix("not used: region ap-beijing from TENCENTCLOUD_REGION") })
    #expect(!result.standardOutput.contains("AKIDprod0000000009"))
    let embedded = try tatsh.run(["config"])
    #expect(
      embedded.standardOutput.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
        .hasPrefix("backend embedded no credentials found"), "\(embedded.standardOutput)")
  }

  /// Found in a stranger's trial of this issue's work; each failed before.
  @Test func whatATrialFoundIsRefusedOrSaidPlainly() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let keys = ["TENCENTCLOUD_SECRET_ID": "AKIDtrial000000000001", "TENCENTCLOUD_SECRET_KEY": "k"]
    // A token with a line break is refused before anything is sent, and never printed.
    let token = try tatsh.run(
      ["--endpoint", "http://127.0.0.1:9", "--region", "ap-guangzhou", "-c", "invocations | count"],
      environment: keys.merging(["TENCENTCLOUD_TOKEN": "SeCrEtToKeN\r"]) { $1 })
    #expect(token.status == 2)
    #expect(token.standardError.contains("the token from TENCENTCLOUD_TOKEN holds a space, a line break"))
    #expect(!token.standardError.contains("SeCrEtToKeN"))
    // Endpoints are checked: no crash on a port out of range, no other scheme, no password.
    for (endpoint, message) in [
      ("http://127.0.0.1:99999", "its port 99999 is not from 1 to 65535"),
      ("ftp://x", "tatsh speaks http and https, not ftp"),
      ("http://user:pw@127.0.0.1:9", "holds a user name or password"),
    ] {
      let result = try tatsh.run(
        ["--endpoint", endpoint, "--region", "ap-guangzhou", "-c", "invocations | count"], environment: keys)
      #expect(result.status == 2, "\(endpoint): \(result.standardError)")
      #expect(result.standardError.contains(message), "\(result.standardError)")
      #expect(!result.standardError.contains("pw@"))
    }
    // Tencent's endpoint named explicitly needs a region, as the default does.
    let explicit = try tatsh.run(
      ["--endpoint", "tat.tencentcloudapi.com", "-c", "invocations | count"], environment: keys)
    #expect(explicit.standardError.contains("Tencent Cloud needs a region"), "\(explicit.standardError)")
    // A broken default profile stops neither the embedded store nor another profile.
    try writeProfile(tatsh, "default", credential: "{broken", configure: "{broken")
    try writeProfile(tatsh, "good", credential: #"{"secretId":"AKIDgood","secretKey":"k"}"#)
    let embedded = try tatsh.run(["--backend", "embedded", "-c", "invocations | count"])
    #expect(embedded.status == 0, "\(embedded.standardError)")
    let good = try tatsh.run(["config", "--profile", "good", "--region", "ap-beijing"])
    #expect(good.status == 0, "\(good.standardError)")
    // TCCLI_PROFILE winning over the environment's key is said at every run.
    let shadowed = try tatsh.run(
      [
        "--endpoint", "http://127.0.0.1:9", "--region", "ap-guangzhou", "--timeout", "1", "-c",
        "invocations | count",
      ],
      environment: keys.merging(["TCCLI_PROFILE": "good"]) { $1 })
    #expect(
      shadowed.standardError.contains(
        "warning: TENCENTCLOUD_SECRET_ID is set, but TCCLI_PROFILE names profile good, which comes first"),
      "\(shadowed.standardError)")
    // config names the token's own source, and a role it does not use.
    try writeProfile(tatsh, "default", credential: #"{"secretId":"AKIDdefault","secretKey":"k"}"#)
    let config = try tatsh.run(
      [
        "config", "--secret-id", "AKIDflag", "--secret-key", "k", "--endpoint", "http://127.0.0.1:9",
        "--region",
        "ap-beijing",
      ],
      environment: ["TENCENTCLOUD_SESSION_TOKEN": "t", "TENCENTCLOUD_ROLE_ARN": "qcs::cam::x"])
    let lines = config.standardOutput.split(separator: "\n").map {
      $0.split(separator: " ").joined(separator: " ")
    }
    #expect(lines.contains("token present TENCENTCLOUD_SESSION_TOKEN"), "\(config.standardOutput)")
    #expect(lines.contains { $0.hasPrefix("not used: TENCENTCLOUD_ROLE_ARN") })
    #expect(lines.contains { $0.hasPrefix("not used: profile default (") })
    // Options that would go unused are refused; options before a command get a hint.
    let store = try tatsh.run(
      [
        "--store", "/tmp/x.sqlite", "--endpoint", "http://127.0.0.1:9", "--region", "ap-guangzhou", "-c",
        "invocations | count",
      ], environment: keys)
    #expect(store.status == 2)
    #expect(store.standardError.contains("--store is for the embedded backend"), "\(store.standardError)")
    let before = try tatsh.run(["--profile", "good", "config"])
    #expect(before.standardError.contains("config is a command: put it first"), "\(before.standardError)")
  }

  @Test func aChangeWithNoAnswerMayHaveBeenMadeAndTimingIsShownOnFailure() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let endpoint = try FaultEndpoint([
      "--fault", "stall", "--delay", "30", "--times", "0", "--action", "RunCommand",
    ])
    defer { endpoint.stop() }
    let result = try tatsh.run(
      [
        "--endpoint", endpoint.url, "--region", "ap-guangzhou", "--timeout", "2", "-c",
        "set timing on; run 'id' on ins-abcd1234 --yes --no-wait",
      ], environment: ["TENCENTCLOUD_SECRET_ID": "AKIDw", "TENCENTCLOUD_SECRET_KEY": "k"])
    #expect(result.status == 1)
    #expect(
      result.standardError.contains(
        "RunCommand may have been carried out all the same: look with invocations"),
      "\(result.standardError)")
    #expect(result.standardError.contains("(--timeout 2 s)"), "\(result.standardError)")
    #expect(
      result.standardError.contains("1 request; 1 sent, 0 retried, 0 throttled)"), "\(result.standardError)")
    // A refused connection reached nothing: tried again, and no word of "may have been carried out".
    let closed = try FaultEndpoint()
    let port = closed.port
    closed.stop()
    let refused = try tatsh.run(
      [
        "--endpoint", "http://127.0.0.1:\(port)", "--region", "ap-guangzhou", "-c",
        "run 'id' on ins-abcd1234 --yes --no-wait",
      ], environment: ["TENCENTCLOUD_SECRET_ID": "AKIDw", "TENCENTCLOUD_SECRET_KEY": "k"])
    #expect(refused.standardError.contains("connection refused (tried 4 times)"), "\(refused.standardError)")
    #expect(!refused.standardError.contains("may have been carried out"))
  }
}
