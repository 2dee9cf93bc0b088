import Foundation
import TatshTestSupport
import Testing

/// How `tatsh serve` is reached and stopped: HTTPS for the official CLI,
/// keys from a file, and a clean stop on SIGINT and SIGTERM.
@Suite struct ServeTransportTests {
  @Test func tccliReadsTheStoreOverHTTPSWithTheKeyServeMade() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let certificate = try ThrowawayCertificate(in: tatsh.folder)
    let (server, port) = try tatsh.startServer([
      "--tls-cert", certificate.certificate.path, "--tls-key", certificate.key.path,
    ])
    defer {
      server.terminate()
      server.waitUntilExit()
    }
    // The README's way: the file serve made, linked as a tccli profile, as it is.
    let made = tatsh.folder.appendingPathComponent("state/tatsh/serve.credential")
    let profiles = tatsh.folder.appendingPathComponent(".tccli")
    try FileManager.default.createDirectory(at: profiles, withIntermediateDirectories: true)
    try FileManager.default.createSymbolicLink(
      at: profiles.appendingPathComponent("tatsh-local.credential"), withDestinationURL: made)
    let trust = [
      "PYTHONPATH": OfficialClients.caBundleShim.path, "REQUESTS_CA_BUNDLE": certificate.certificate.path,
      "HOME": tatsh.folder.path,
    ]
    let answered = try OfficialClients.run(
      OfficialClients.tccli,
      [
        "tat", "DescribeInvocations", "--endpoint", "127.0.0.1:\(port)", "--region", "ap-guangzhou",
        "--profile", "tatsh-local", "--InvocationIds", #"["inv-q4zp60g0"]"#,
      ], environment: trust)
    let secretId = try #require(
      (try JSONSerialization.jsonObject(with: Data(contentsOf: made)) as? [String: String])?["secretId"])
    func tccli(key: String) throws -> (status: Int32, output: String) {
      try OfficialClients.run(
        OfficialClients.tccli,
        [
          "tat", "DescribeInvocations", "--endpoint", "127.0.0.1:\(port)", "--region", "ap-guangzhou",
          "--secretId", secretId, "--secretKey", key, "--InvocationIds", #"["inv-q4zp60g0"]"#,
        ], environment: trust)
    }
    #expect(answered.status == 0, "\(answered.output)")
    let response = try #require(
      try JSONSerialization.jsonObject(with: Data(answered.output.utf8)) as? [String: Any],
      "\(answered.output)")
    #expect(response["TotalCount"] as? Int == 1)
    let invocation = try #require((response["InvocationSet"] as? [[String: Any]])?.first)
    for (field, value) in SeedPage.exampleInvocation {
      #expect(SeedPage.canonical(invocation[field] as Any) == SeedPage.canonical(value), "\(field)")
    }

    let refused = try tccli(key: "not-the-key")
    #expect(refused.output.contains("AuthFailure.SignatureFailure"), "\(refused.output)")

    let untrusted = try OfficialClients.run(
      OfficialClients.tccli,
      [
        "tat", "DescribeInvocations", "--endpoint", "127.0.0.1:\(port)", "--region", "ap-guangzhou",
        "--profile", "tatsh-local",
      ], environment: ["HOME": tatsh.folder.path])
    #expect(untrusted.output.contains("CERTIFICATE_VERIFY_FAILED"), "\(untrusted.output)")
  }

  @Test func tatshTrustsServesOwnCertificateWithCacert() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let certificate = try ThrowawayCertificate(in: tatsh.folder)
    let (server, port) = try tatsh.startServer([
      "--tls-cert", certificate.certificate.path, "--tls-key", certificate.key.path,
    ])
    defer {
      server.terminate()
      server.waitUntilExit()
    }
    let keys = tatsh.folder.appendingPathComponent("state/tatsh/serve.credential").path
    let client = ["--credentials", keys, "--endpoint", "https://127.0.0.1:\(port)"]
    let trusted = try tatsh.run(
      client + ["--cacert", certificate.certificate.path, "-c", "invocations | count"])
    #expect(trusted.status == 0, "\(trusted.standardError)")
    #expect(trusted.standardOutput == "{\"count\":301}\n")
    let untrusted = try tatsh.run(client + ["-c", "invocations | count"])
    #expect(untrusted.status == 1)
    #expect(untrusted.standardError.contains("not trusted"), "\(untrusted.standardError)")
    #expect(untrusted.standardError.contains("--cacert FILE"), "the error says how to trust it")
    #expect(!untrusted.standardError.contains(".build/checkouts"), "no source path of a library")
    let notPEM = try tatsh.run(client + ["--cacert", keys, "-c", "invocations | count"])
    #expect(notPEM.status == 2)
    #expect(
      notPEM.standardError.contains("--cacert \(keys): not a PEM certificate"), "\(notPEM.standardError)")
  }

  @Test func serveOnIPv6LoopbackPrintsAURLThatWorks() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let output = tatsh.folder.appendingPathComponent("serve6.out")
    let server = try tatsh.start(
      ["serve", "--host", "::1", "--port", "0", "--secret-id", "AKIDsix", "--secret-key", "six-key"],
      errorFile: tatsh.folder.appendingPathComponent("serve6.err"), outputFile: output)
    defer {
      server.terminate()
      server.waitUntilExit()
    }
    var url: String?
    for _ in 0..<100 where url == nil {
      let text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
      url = text.range(of: #"http://\[::1\]:\d+"#, options: .regularExpression).map { String(text[$0]) }
      usleep(100_000)
    }
    let endpoint = try #require(url, "the URL, with the address in brackets")
    let result = try tatsh.run(
      ["--endpoint", endpoint, "-c", "invocations | count"],
      environment: ["TENCENTCLOUD_SECRET_ID": "AKIDsix", "TENCENTCLOUD_SECRET_KEY": "six-key"])
    #expect(result.status == 0, "signed for the Host header the client sends: \(result.standardError)")
    #expect(result.standardOutput == "{\"count\":301}\n")
  }

  @Test func serveRefusesBadCertificatesAndKeyFilesBeforeListening() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let notPEM = tatsh.folder.appendingPathComponent("not.pem")
    try Data("hello".utf8).write(to: notPEM)
    let badCertificate = try tatsh.run([
      "serve", "--port", "0", "--tls-cert", notPEM.path, "--tls-key", notPEM.path,
    ])
    #expect(badCertificate.status == 2)
    #expect(badCertificate.standardError.contains("\(notPEM.path): not a PEM certificate"))

    let onlyOne = try tatsh.run(["serve", "--port", "0", "--tls-cert", notPEM.path])
    #expect(onlyOne.status == 2)
    #expect(onlyOne.standardError.contains("Give both --tls-cert and --tls-key"))

    chmod(notPEM.path, 0o600)
    let noKeys = try tatsh.run(["serve", "--port", "0", "--credentials", notPEM.path])
    #expect(noKeys.status == 2)
    #expect(noKeys.standardError.contains("\(notPEM.path):1:1: not valid JSON"), "\(noKeys.standardError)")

    let missing = try tatsh.run(["serve", "--port", "0", "--credentials", "/nonexistent/keys"])
    #expect(missing.status == 2)
    #expect(missing.standardError.contains("/nonexistent/keys: no such file"))
  }

  @Test(arguments: ["SIGTERM", "SIGINT"])
  func aStopSignalLetsTheRequestInFlightFinish(signal: String) throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let (server, port) = try tatsh.startServer(["--secret-id", "AKIDslow", "--secret-key", "slow-key"])
    defer {
      if server.isRunning { server.terminate() }
      server.waitUntilExit()
    }
    let (status, printed) = try OfficialClients.run(
      URL(fileURLWithPath: "/usr/bin/env"),
      [
        "python3", OfficialClients.script("slow_request.py").path, String(port),
        String(server.processIdentifier), signal, "AKIDslow", "slow-key",
      ])
    #expect(status == 0, "\(printed)")
    let lines = printed.split(separator: "\n").map(String.init)
    #expect(lines.first == "HTTP/1.1 200 OK", "\(printed)")
    #expect(lines.count > 1 && lines[1].contains(#""TotalCount":301"#), "\(printed)")
    #expect(lines.last == "new connection refused", "\(printed)")
    let deadline = Date().addingTimeInterval(10)
    while server.isRunning, Date() < deadline { usleep(50_000) }
    #expect(!server.isRunning)
    #expect(server.terminationStatus == 0)
    let outputFile = try #require(
      try FileManager.default.contentsOfDirectory(atPath: tatsh.folder.path).first { $0.hasSuffix(".out") })
    let said = try String(contentsOf: tatsh.folder.appendingPathComponent(outputFile), encoding: .utf8)
    #expect(
      said.contains("tatsh serve: stopped after 1 request (DescribeInvocations 1); errors: none"), "\(said)")
  }
}
