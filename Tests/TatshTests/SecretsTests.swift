import Foundation
import TatshTestSupport
import Testing

/// Secret keys never reach output, errors, history or files; files that
/// hold them are checked; the server stays on this machine unless told.
@Suite struct SecretsTests {
  static let key = "sEcReT-kEy-\(UUID().uuidString.prefix(8))"
  static let token = "tOkEn-\(UUID().uuidString.prefix(8))"

  @Test func theKeyAndTokenAppearNowhereTatshWrites() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let credentials = tatsh.folder.appendingPathComponent("server.credential")
    try Data(#"{"secretId":"AKIDsecret","secretKey":"\#(Self.key)"}"#.utf8).write(to: credentials)
    chmod(credentials.path, 0o600)
    let (server, port) = try tatsh.startServer(["--credentials", credentials.path])
    let cloud = [
      "TENCENTCLOUD_SECRET_ID": "AKIDsecret", "TENCENTCLOUD_SECRET_KEY": Self.key,
      "TENCENTCLOUD_TOKEN": Self.token, "TENCENTCLOUD_REGION": "ap-guangzhou",
    ]
    let endpoint = ["--endpoint", "http://127.0.0.1:\(port)"]
    var written: [String] = []
    for pipeline in [
      "invocations where status=FAILED | tasks | count", "explain invocations where status=FAILED | tasks",
      "set dry-run on; run 'echo hi' on mi-local001", "invocations inv-nosuch00 | count",
      "invocations where stauts=FAILED", "set", "help",
    ] {
      let result = try tatsh.run(endpoint + ["--verbose", "-c", pipeline], environment: cloud)
      written += [result.standardOutput, result.standardError]
    }
    let wrongKey = try tatsh.run(
      endpoint + ["--verbose", "-c", "invocations | count"],
      environment: cloud.merging(["TENCENTCLOUD_SECRET_KEY": Self.key + "x"]) { $1 })
    #expect(wrongKey.status == 1)
    #expect(wrongKey.standardError.contains("AuthFailure.SignatureFailure"))
    #expect(
      wrongKey.standardError.contains(
        #"tatsh: DescribeInvocations {"Limit":100,"Offset":0} → AuthFailure.SignatureFailure, RequestId "#),
      "\(wrongKey.standardError)")
    written += [wrongKey.standardOutput, wrongKey.standardError]
    let flags = try tatsh.run(
      endpoint + [
        "--secret-id", "AKIDsecret", "--secret-key", Self.key, "-c", "invocations | first 1 | count",
      ])
    #expect(flags.status == 0, "\(flags.standardError)")
    #expect(flags.standardError.contains("--secret-key lands in your shell history"))
    written += [flags.standardOutput, flags.standardError]
    server.interrupt()
    server.waitUntilExit()

    for (index, text) in written.enumerated() {
      #expect(!text.contains(Self.key), "output \(index) shows the key: \(text)")
      #expect(!text.contains(Self.token), "output \(index) shows the token: \(text)")
    }
    // The server's own output and everything tatsh left in its home and state folders.
    for file in try Self.files(under: tatsh.folder) where file.lastPathComponent != "server.credential" {
      let contents = String(decoding: try Data(contentsOf: file), as: UTF8.self)
      #expect(!contents.contains(Self.key), "\(file.lastPathComponent) holds the key")
      #expect(!contents.contains(Self.token), "\(file.lastPathComponent) holds the token")
    }
  }

  /// Swift's backtracer at its most verbose (every thread, every register
  /// with the 16 bytes it points at, nothing sanitized) after tatsh has
  /// signed requests with the key: a bad memory access and a trap, as signals.
  @Test(arguments: [SIGSEGV, SIGILL])
  func aCrashPrintsNeitherTheKeyNorTheToken(_ signal: Int32) async throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let (server, port) = try tatsh.startServer(["--secret-id", "AKIDcrash", "--secret-key", Self.key])
    defer {
      server.terminate()
      server.waitUntilExit()
    }
    let plugins = tatsh.folder.appendingPathComponent("plugins")
    try FileManager.default.createDirectory(at: plugins, withIntermediateDirectories: true)
    let received = tatsh.folder.appendingPathComponent("received")
    // Takes one record (so a signed answer has come), then waits for tatsh to go.
    let plugin = plugins.appendingPathComponent("tatsh-stall").path
    try """
    #!/bin/sh
    if [ "$1" = --tatsh-describe ]; then
      echo '{"name":"stall","summary":"takes one record","usage":"stall","emits":"records"}'; exit 0
    fi
    head -n 1 > \(received.path)
    while kill -0 $PPID 2>/dev/null; do sleep 0.1; done

    """.write(toFile: plugin, atomically: true, encoding: .utf8)
    chmod(plugin, 0o755)

    let errors = tatsh.folder.appendingPathComponent("crash.err")
    let process = Process()
    process.executableURL = TatshBinary.url
    process.arguments = [
      "--endpoint", "http://127.0.0.1:\(port)", "-c", "invocations | tasks | stall | count",
    ]
    process.environment = tatsh.environment([
      "TENCENTCLOUD_SECRET_ID": "AKIDcrash", "TENCENTCLOUD_SECRET_KEY": Self.key,
      "TENCENTCLOUD_TOKEN": Self.token, "TENCENTCLOUD_REGION": "ap-guangzhou",
      "TATSH_PLUGIN_PATH": plugins.path,
      "SWIFT_BACKTRACE":
        "enable=yes,interactive=no,preset=full,threads=all,registers=all,images=all,sanitize=no,demangle=yes",
    ])
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = FileHandle.nullDevice
    _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
    process.standardError = try FileHandle(forWritingTo: errors)
    try process.run()
    let deadline = Date().addingTimeInterval(60)
    while (try? Data(contentsOf: received))?.isEmpty ?? true, Date() < deadline {
      try await Task.sleep(for: .milliseconds(50))
    }
    #expect(!((try? Data(contentsOf: received))?.isEmpty ?? true), "the plugin got a record")
    kill(process.processIdentifier, signal)
    // The backtracer ends with how long it took. A signal sent by `kill`, unlike a
    // real fault, does not come again once its handler returns, so tatsh is then ended.
    let ended = Date().addingTimeInterval(120)
    var printed = ""
    while !printed.contains("Backtrace took"), Date() < ended {
      try await Task.sleep(for: .milliseconds(100))
      printed = String(decoding: try Data(contentsOf: errors), as: UTF8.self)
    }
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
    printed = String(decoding: try Data(contentsOf: errors), as: UTF8.self)

    #expect(printed.contains("*** Program crashed"), "the backtracer ran: \(printed.prefix(2_000))")
    #expect(printed.contains("Backtrace took"), "the backtrace is whole")
    #expect(printed.contains("rax 0x"), "registers were shown")
    // A register dump shows 16 bytes as text, and a register may hold 8 of them as a number.
    for secret in [Self.key, Self.token] {
      for fragment in Self.fragments(of: secret) {
        #expect(!printed.contains(fragment), "the crash output shows part of \(secret): \(fragment)")
      }
    }
  }

  /// Every 8 bytes of `secret` as text, and as the little-endian number a register would print.
  static func fragments(of secret: String) -> [String] {
    let bytes = Array(secret.utf8)
    return (0...(bytes.count - 8)).flatMap { start in
      let window = bytes[start..<start + 8]
      let number = window.reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
      return [String(decoding: window, as: UTF8.self), "0x" + String(format: "%016lx", number)]
    }
  }

  @Test(arguments: ["0.0.0.0", "10.1.2.3", "128.0.0.1", "::", "tat.example.com"])
  func serveRefusesANonLoopbackAddressUnlessAllowed(_ host: String) throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let result = try tatsh.run(["serve", "--host", host, "--port", "0"])
    #expect(result.status == 2)
    #expect(
      result.standardError.contains(
        "--host \(host) is not a loopback address, so other machines could reach the store; add --allow-remote if that is meant."
      ), "\(result.standardError)")
    #expect(!FileManager.default.fileExists(atPath: tatsh.storePath), "nothing was created")
  }

  static func files(under folder: URL) throws -> [URL] {
    let enumerator = FileManager.default.enumerator(
      at: folder, includingPropertiesForKeys: [.isRegularFileKey])
    return (enumerator?.allObjects as? [URL] ?? []).filter {
      (try? $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true
    }
  }
}
