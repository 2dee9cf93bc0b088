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
      "total-shrink", "slow 4 s permanent",
    ] {
      #expect(printed.contains(fault), "no case for \(fault)")
    }
    #expect(printed.contains(" 0 FAIL"), "\(printed.suffix(500))")
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
