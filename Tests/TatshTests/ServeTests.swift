import Foundation
import TatshTestSupport
import Testing

/// `tatsh serve` used by the official TAT SDK for Python, on loopback.
@Suite struct ServeTests {
  @Test func theOfficialSDKReadsTheEmbeddedStoreThroughServe() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let output = tatsh.folder.appendingPathComponent("serve.out")
    let errors = tatsh.folder.appendingPathComponent("serve.err")
    let server = try tatsh.start(
      ["serve", "--port", "0", "--secret-id", "AKIDinterop", "--secret-key", "interop-key"],
      errorFile: errors,
      outputFile: output)
    defer {
      server.terminate()
      server.waitUntilExit()
    }
    var port: String?
    let deadline = Date().addingTimeInterval(30)
    while port == nil, Date() < deadline {
      let text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
      port = text.range(of: #"127\.0\.0\.1:(\d+)"#, options: .regularExpression).map {
        String(text[$0].split(separator: ":")[1])
      }
      usleep(100_000)
    }
    let serverErrors = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
    let listening = try #require(port, "serve did not start: \(serverErrors)")

    let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("interop/sdk_client.py").path
    let python = Process()
    python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    python.arguments = ["python3", script, listening, "AKIDinterop", "interop-key"]
    let pipe = Pipe()
    python.standardOutput = pipe
    python.standardError = pipe
    try python.run()
    let printed = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    python.waitUntilExit()
    #expect(python.terminationStatus == 0, "\(printed)")

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
    #expect(lines.contains("wrong key AuthFailure.SignatureFailure request-id"))
    #expect(lines.contains("conflict InvalidParameter.ConflictParameter request-id"))
  }
}
