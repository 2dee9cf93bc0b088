import Foundation
import TatshTestSupport
import Testing

/// The cloud client against an endpoint that fails in every way it can
/// (`Tests/interop/fault_endpoint.py`), and `tatsh serve` against a catalogue
/// of malformed and hostile requests (`Tests/interop/server_abuse.py`).
/// Each script judges every case and prints one line per case.
@Suite struct FaultToleranceTests {
  @Test func theCloudClientRetriesWhatItMayAndNamesWhatFailed() async throws {
    let report = FileManager.default.temporaryDirectory.appendingPathComponent(
      "faults-\(UUID().uuidString).json")
    defer { try? FileManager.default.removeItem(at: report) }
    let (status, printed) = try await OfficialClients.run(
      OfficialClients.sdkPython,
      [
        OfficialClients.script("fault_matrix.py").path, "--tatsh", TatshBinary.url.path, "--jobs", "6",
        "--json", report.path,
      ])
    let failures = printed.split(separator: "\n").filter { $0.contains(" FAIL ") }
    #expect(status == 0, "\(failures.joined(separator: "\n"))\n\(printed.suffix(2000))")
    // Every fault of the matrix was tried: retried ones, permanent ones, a moving listing, a slow endpoint.
    for fault in [
      "rate-limit", "http-503", "reset", "short-body", "truncated", "malformed", "not-found",
      "total-shrink", "slow 4 s permanent", "stall permanent", "drip permanent", "close-no-length",
      "chunked-cut", "half-close", "http-502-html", "http-504-html", "signature-expire",
      "envelope UnauthorizedOperation.MFANotFound", "envelope InternalError twice",
    ] {
      #expect(printed.contains(fault), "no case for \(fault)")
    }
    #expect(printed.contains(" 0 FAIL"), "\(printed.suffix(500))")
  }

  @Test func aCertificateThatIsNotTrustedIsNamedAndNotTriedAgain() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let certificate = try ThrowawayCertificate(in: tatsh.folder)
    let (server, port) = try tatsh.startServer([
      "--secret-id", "AKIDtls", "--secret-key", "tls-key", "--tls-cert", certificate.certificate.path,
      "--tls-key", certificate.key.path, "--access-log", tatsh.folder.appendingPathComponent("access").path,
    ])
    defer {
      server.terminate()
      server.waitUntilExit()
    }
    let started = Date()
    let result = try tatsh.run(
      ["--endpoint", "https://127.0.0.1:\(port)", "-c", "invocations | count"],
      environment: ["TENCENTCLOUD_SECRET_ID": "AKIDtls", "TENCENTCLOUD_SECRET_KEY": "tls-key"])
    #expect(result.status == 1)
    #expect(
      result.standardError.contains("the TLS certificate of https://127.0.0.1:\(port)/ is not trusted"),
      "\(result.standardError)")
    #expect(result.standardError.contains("CERTIFICATE_VERIFY_FAILED"))
    // One attempt (a few seconds at most), not four with backoff.
    #expect(Date().timeIntervalSince(started) < 8)
  }

  @Test func anEndpointNameThatDoesNotResolveIsNamed() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    // In a network namespace of its own, with no interface up: the name
    // lookup fails here, and no query leaves this machine.
    let result = try tatsh.run(
      ["--endpoint", "https://tat.no-such-host.invalid", "-c", "invocations | count"],
      environment: [
        "TENCENTCLOUD_SECRET_ID": "AKIDdns", "TENCENTCLOUD_SECRET_KEY": "dns-key",
      ], wrapper: ["/usr/bin/unshare", "-n"])
    #expect(result.status == 1, "\(result.standardError)")
    #expect(
      result.standardError.contains(
        "cannot resolve tat.no-such-host.invalid, the host of https://tat.no-such-host.invalid/ (--endpoint)"),
      "\(result.standardError)")
  }

  @Test func serveAnswersEveryHostileRequestAndStaysBounded() async throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    #expect(try tatsh.run(["seed", "--invocations", "50"]).status == 0)
    let (server, port) = try tatsh.startServer([
      "--rate", "0", "--secret-id", "AKIDabuse", "--secret-key", "abuse-key", "--request-timeout", "3",
    ])
    defer {
      server.terminate()
      server.waitUntilExit()
    }
    let (status, printed) = try await OfficialClients.run(
      OfficialClients.sdkPython,
      [
        OfficialClients.script("server_abuse.py").path, "127.0.0.1:\(port)", "AKIDabuse", "abuse-key",
        "--pid", String(server.processIdentifier), "--slowloris", "20", "--slowloris-seconds", "6",
        "--require-slowloris-close",
      ])
    let failures = printed.split(separator: "\n").filter { $0.contains(" FAIL ") }
    #expect(status == 0, "\(failures.joined(separator: "\n"))\n\(printed.suffix(2000))")
    for check in [
      "two Authorization (bogus, then valid)", "body of 70 MB", "1000 concurrent connections",
      "server memory",
    ] {
      #expect(printed.contains(check), "no case \(check)")
    }
    #expect(server.isRunning, "serve died under the catalogue")
  }
}
