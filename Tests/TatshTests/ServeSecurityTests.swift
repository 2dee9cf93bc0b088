import Foundation
import TatshTestSupport
import Testing

/// `tatsh serve` is no shell for strangers: signatures are always checked,
/// keys are kept private, running commands is opt-in, plain HTTP stays on
/// this machine, and every request is logged without a secret. Through the
/// official SDK for Python and the real binary.
@Suite struct ServeSecurityTests {
  /// One SDK call: `OK <json>` or `ERROR <code> <RequestId> <message>`.
  static func call(
    _ port: Int, _ secretId: String, _ secretKey: String, _ action: String, _ parameters: String = "{}"
  ) throws -> String {
    let (status, printed) = try OfficialClients.run(
      OfficialClients.sdkPython,
      [OfficialClients.script("sdk_call.py").path, String(port), secretId, secretKey, action, parameters])
    #expect(status == 0, "\(printed)")
    return printed.trimmingCharacters(in: .whitespacesAndNewlines)
  }

  static func mode(of path: String) throws -> Int {
    try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as! Int
  }

  static func read(_ url: URL) -> String {
    (try? String(contentsOf: url, encoding: .utf8)) ?? ""
  }

  /// The generated file's contents, as the official CLI keeps credentials.
  static func credentials(in path: String) throws -> (id: String, key: String) {
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path)))
        as? [String: String])
    return (try #require(object["secretId"]), try #require(object["secretKey"]))
  }

  @Test func withoutAKeyServeMakesOnePrivateKeepsItAndRefusesMadeUpOnes() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let file = tatsh.folder.appendingPathComponent("state/tatsh/serve.credential").path
    let first = try tatsh.startServerKeepingItsOutput()
    let (id, key) = try Self.credentials(in: file)
    #expect(id.hasPrefix("AKID") && id.count == 36)
    #expect(id.dropFirst(4).allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) })
    #expect(key.count == 64 && key.allSatisfy(\.isHexDigit), "32 random bytes, in hex")
    #expect(try Self.mode(of: file) == 0o600)
    #expect(try Self.mode(of: (file as NSString).deletingLastPathComponent) == 0o700)
    let started = Self.read(first.output)
    #expect(started.contains("made a key for clients: SecretId \(id), in \(file)"), "\(started)")

    // A made-up key is refused; the key in the file is accepted.
    let madeUp = try Self.call(
      first.port, "AKIDmadeupmadeupmadeupmadeupmadeup", "made-up-key", "DescribeInvocations")
    #expect(madeUp.hasPrefix("ERROR AuthFailure.SecretIdNotFound "), "\(madeUp)")
    let wrongKey = try Self.call(first.port, id, "not-the-key", "DescribeInvocations")
    #expect(wrongKey.hasPrefix("ERROR AuthFailure.SignatureFailure "), "\(wrongKey)")
    let answered = try Self.call(first.port, id, key, "DescribeInvocations", #"{"Limit": 1}"#)
    #expect(answered.hasPrefix("OK ") && answered.contains(#""TotalCount": 301"#), "\(answered)")
    // tatsh itself uses the file as it is.
    let client = try tatsh.run([
      "--credentials", file, "--endpoint", "http://127.0.0.1:\(first.port)", "--region", "ap-guangzhou", "-c",
      "invocations | count",
    ])
    #expect(client.status == 0, "\(client.standardError)")
    #expect(client.standardOutput == "{\"count\":301}\n")
    #expect(!client.standardError.contains("warning"), "\(client.standardError)")
    first.process.terminate()
    first.process.waitUntilExit()

    // The next start reuses the file, unchanged.
    let before = try Data(contentsOf: URL(fileURLWithPath: file))
    let second = try tatsh.startServerKeepingItsOutput()
    defer {
      second.process.terminate()
      second.process.waitUntilExit()
    }
    #expect(try Data(contentsOf: URL(fileURLWithPath: file)) == before)
    #expect(Self.read(second.output).contains("clients sign with the key: SecretId \(id), in \(file)"))
    #expect(try Self.call(second.port, id, key, "DescribeCommands", #"{"Limit": 1}"#).hasPrefix("OK "))
    // The key itself is printed nowhere.
    for url in [first.output, first.errors, second.output] {
      #expect(!Self.read(url).contains(key), "\(url.lastPathComponent) shows the key")
    }
  }

  @Test func credentialsOtherUsersCanReadAreRefusedByServeAndWarnedAboutByTheClient() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    // In a folder every user can enter (the test's, under /tmp).
    let open = tatsh.folder.appendingPathComponent("open.credential").path
    try Data(#"{"secretId": "AKIDopen", "secretKey": "open-key"}"#.utf8).write(to: URL(fileURLWithPath: open))
    for (mode, who) in [(0o644, "every user"), (0o604, "every user"), (0o640, "its group")] {
      chmod(open, mode_t(mode))
      let refused = try tatsh.run(["serve", "--port", "0", "--credentials", open])
      #expect(refused.status != 0)
      #expect(
        refused.standardError.contains(
          "\(open) is readable by other users (mode \(String(mode, radix: 8)), and the folders above it let \(who) through)"
        ), "\(refused.standardError)")
      #expect(refused.standardError.contains("chmod 600 \(open)"), "\(refused.standardError)")
    }

    // tccli's way, a 0644 file in a 0700 folder, is private, for serve and the client alike.
    let profiles = tatsh.folder.appendingPathComponent(".tccli")
    try FileManager.default.createDirectory(at: profiles, withIntermediateDirectories: true)
    chmod(profiles.path, 0o700)
    let tccliStyle = profiles.appendingPathComponent("default.credential").path
    try Data(#"{"secretId": "AKIDtccli", "secretKey": "tccli-key"}"#.utf8).write(
      to: URL(fileURLWithPath: tccliStyle))
    chmod(tccliStyle, 0o644)
    let server = try tatsh.startServerKeepingItsOutput(["--credentials", tccliStyle])
    defer {
      server.process.terminate()
      server.process.waitUntilExit()
    }
    #expect(!Self.read(server.errors).contains("readable"), "\(Self.read(server.errors))")
    let endpoint = ["--endpoint", "http://127.0.0.1:\(server.port)", "--region", "ap-guangzhou"]
    let viaProfile = try tatsh.run(endpoint + ["-c", "invocations | first 1 | count"])
    #expect(viaProfile.status == 0, "\(viaProfile.standardError)")
    #expect(!viaProfile.standardError.contains("warning"), "\(viaProfile.standardError)")

    // The client warns of a file others can read, in these words, and only when it uses it.
    let exposed = tatsh.folder.appendingPathComponent("client.credential").path
    try Data(#"{"secretId": "AKIDtccli", "secretKey": "tccli-key"}"#.utf8).write(
      to: URL(fileURLWithPath: exposed))
    chmod(exposed, 0o644)
    let warned = try tatsh.run(endpoint + ["--credentials", exposed, "-c", "invocations | first 1 | count"])
    #expect(warned.status == 0, "\(warned.standardError)")
    #expect(warned.standardOutput == "{\"count\":1}\n")
    #expect(
      warned.standardError.contains(
        "tatsh: warning: \(exposed) is readable by other users (mode 644, and the folders above it let every user through): run chmod 600 \(exposed)"
      ), "\(warned.standardError)")
    #expect(!warned.standardError.contains("changed"))
    let unused = try tatsh.run([
      "--credentials", exposed, "--backend", "embedded", "-c", "invocations | count",
    ])
    // Credentials the embedded backend would not use are refused, and the file is not read.
    #expect(unused.status == 2, "\(unused.standardError)")
    #expect(
      unused.standardError.contains(
        "--credentials is for the cloud backend, and --backend embedded does not use it"))
    #expect(!unused.standardError.contains("readable"), "\(unused.standardError)")
    chmod(exposed, 0o600)
    let closed = try tatsh.run(endpoint + ["--credentials", exposed, "-c", "invocations | first 1 | count"])
    #expect(closed.status == 0)
    #expect(!closed.standardError.contains("warning"), "\(closed.standardError)")
  }

  @Test func actionsThatRunAreRefusedUnlessServeAllowsThem() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let keys = ["--secret-id", "AKIDrun", "--secret-key", "run-key"]
    let marker = tatsh.folder.appendingPathComponent("ran").path
    let script = Data("touch \(marker)".utf8).base64EncodedString()
    let run = #"{"Content": "\#(script)", "InstanceIds": ["mi-local001"]}"#

    let readsOnly = try tatsh.startServerKeepingItsOutput(keys)
    #expect(
      Self.read(readsOnly.output).contains(
        "reads only: RunCommand, InvokeCommand, CancelInvocation, EnableInvoker and DisableInvoker refused (--allow-run allows them)"))
    let count = ["--backend", "embedded", "-c", "invocations | count"]
    let before = try tatsh.run(count).standardOutput
    for (action, parameters) in [
      ("RunCommand", run),
      ("InvokeCommand", #"{"CommandId": "cmd-9dxzty3m", "InstanceIds": ["mi-local001"]}"#),
      ("CancelInvocation", #"{"InvocationId": "inv-q4zp60g0"}"#),
    ] {
      let refused = try Self.call(readsOnly.port, "AKIDrun", "run-key", action, parameters)
      #expect(refused.hasPrefix("ERROR UnauthorizedOperation "), "\(action): \(refused)")
      #expect(refused.contains("--allow-run"), "\(refused)")
    }
    // Reads are still answered.
    #expect(try Self.call(readsOnly.port, "AKIDrun", "run-key", "DescribeInvocations").hasPrefix("OK "))
    usleep(500_000)
    #expect(!FileManager.default.fileExists(atPath: marker), "nothing ran")
    #expect(try tatsh.run(count).standardOutput == before, "no invocation was made")
    readsOnly.process.terminate()
    readsOnly.process.waitUntilExit()

    let allowed = try tatsh.startServerKeepingItsOutput(keys + ["--allow-run"])
    defer {
      allowed.process.terminate()
      allowed.process.waitUntilExit()
    }
    #expect(Self.read(allowed.output).contains("allowed (--allow-run): clients can run commands as "))
    let ran = try Self.call(allowed.port, "AKIDrun", "run-key", "RunCommand", run)
    #expect(ran.hasPrefix("OK ") && ran.contains(#""InvocationId": "inv-"#), "\(ran)")
    let deadline = Date().addingTimeInterval(30)
    while !FileManager.default.fileExists(atPath: marker), Date() < deadline { usleep(100_000) }
    #expect(FileManager.default.fileExists(atPath: marker), "the command ran")

    // Local runs honour Username: another user is refused, never run as someone else.
    let marker2 = tatsh.folder.appendingPathComponent("ran-as-other").path
    let other = try Self.call(
      allowed.port, "AKIDrun", "run-key", "RunCommand",
      #"{"Content": "\#(Data("touch \(marker2)".utf8).base64EncodedString())", "InstanceIds": ["mi-local001"], "Username": "nobody"}"#
    )
    #expect(other.hasPrefix("ERROR InvalidParameterValue.InvalidUsername "), "\(other)")
    usleep(500_000)
    #expect(!FileManager.default.fileExists(atPath: marker2))
  }

  @Test(arguments: ["0.0.0.0", "::"])
  func plainHTTPBeyondLoopbackIsRefused(_ host: String) throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let result = try tatsh.run(["serve", "--host", host, "--allow-remote", "--port", "0"])
    #expect(result.status == 2)
    #expect(
      result.standardError.contains(
        "--allow-remote without --tls-cert and --tls-key would send every request and answer across the network unencrypted"
      ), "\(result.standardError)")
    #expect(result.standardError.contains("--allow-plain-http"))
    #expect(!FileManager.default.fileExists(atPath: tatsh.storePath), "nothing was opened")
  }

  @Test func everyRequestIsLoggedAndNoSecretIs() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let key = "audit-key-\(UUID().uuidString.prefix(8))"
    let log = tatsh.folder.appendingPathComponent("access.jsonl")
    let server = try tatsh.startServerKeepingItsOutput([
      "--secret-id", "AKIDaudit", "--secret-key", key, "--allow-run", "--access-log", log.path,
    ])
    let script = Data("echo audited".utf8).base64EncodedString()
    let answers = [
      try Self.call(server.port, "AKIDaudit", key, "DescribeInvocations", #"{"Limit": 2}"#),
      try Self.call(server.port, "AKIDaudit", key + "x", "DescribeInvocations"),
      try Self.call(server.port, "AKIDnobody", "whatever", "DescribeCommands"),
      try Self.call(
        server.port, "AKIDaudit", key, "RunCommand",
        #"{"Content": "\#(script)", "InstanceIds": ["mi-local001", "mi-local002"]}"#),
      try Self.call(server.port, "AKIDaudit", key, "CancelInvocation", #"{"InvocationId": "inv-zzzzzzzz"}"#),
    ]
    // A request that never reaches the API is logged too.
    let (status, printed) = try OfficialClients.run(
      URL(fileURLWithPath: "/usr/bin/env"),
      [
        "python3", "-c",
        "import urllib.request, urllib.error\ntry: urllib.request.urlopen('http://127.0.0.1:\(server.port)/other')\nexcept urllib.error.HTTPError as e: print(e.code)",
      ])
    #expect(status == 0 && printed.contains("404"), "\(printed)")
    server.process.terminate()
    server.process.waitUntilExit()
    var lines = Self.read(log).split(separator: "\n")
    let unrouted = lines.popLast() ?? ""
    #expect(
      unrouted.contains(#""Action":"GET /other""#) && unrouted.contains(#""Code":"HTTP 404""#), "\(unrouted)")
    #expect(lines.count == answers.count, "\(lines)")
    let records = try lines.map {
      try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
    }
    guard records.count == answers.count else { return }
    for (record, answer) in zip(records, answers) {
      #expect(record["Time"] is String && record["DurationMs"] is Double, "\(record)")
      #expect((record["RemoteAddress"] as? String)?.hasPrefix("127.0.0.1:") == true, "\(record)")
      #expect(record["Region"] as? String == "ap-guangzhou")
      let requestId = try #require(record["RequestId"] as? String)
      #expect(answer.contains(requestId), "the log's RequestId is the answer's: \(answer)")
    }
    #expect(
      records.map { $0["Action"] as? String } == [
        "DescribeInvocations", "DescribeInvocations", "DescribeCommands", "RunCommand", "CancelInvocation",
      ])
    #expect(
      records.map { $0["Code"] as? String } == [
        "OK", "AuthFailure.SignatureFailure", "AuthFailure.SecretIdNotFound", "OK",
        "ResourceNotFound.InvocationNotFound",
      ])
    #expect(
      records.map { $0["SecretId"] as? String } == [
        "AKIDaudit", "AKIDaudit", "AKIDnobody", "AKIDaudit", "AKIDaudit",
      ])
    #expect(records[0]["InstanceIds"] == nil, "reads log no ids")
    #expect(records[3]["InstanceIds"] as? [String] == ["mi-local001", "mi-local002"])
    #expect((records[3]["CommandId"] as? String)?.hasPrefix("cmd-") == true)
    #expect(answers[3].contains(try #require(records[3]["InvocationId"] as? String)))
    #expect(records[4]["InvocationId"] as? String == "inv-zzzzzzzz")
    let everything = Self.read(log) + Self.read(server.output) + Self.read(server.errors)
    for secret in [key, "Signature=", "TC3-HMAC-SHA256", "Authorization"] {
      #expect(!everything.contains(secret), "\(secret) is in the log")
    }
  }

  @Test func withoutAnAccessLogFileTheAuditGoesToStandardError() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let server = try tatsh.startServerKeepingItsOutput(["--secret-id", "AKIDerr", "--secret-key", "err-key"])
    let answer = try Self.call(server.port, "AKIDerr", "err-key", "DescribeInvocations")
    server.process.terminate()
    server.process.waitUntilExit()
    let errors = Self.read(server.errors)
    // stderr is JSON Lines: `jq` can read it. (What serve says of itself is on stdout.)
    let lines = errors.split(separator: "\n")
    #expect(lines.allSatisfy { $0.hasPrefix("{") && $0.hasSuffix("}") }, "\(errors)")
    let line = try #require(lines.first, "\(errors)")
    let record = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    #expect(record["Action"] as? String == "DescribeInvocations")
    #expect(record["Code"] as? String == "OK")
    #expect(answer.contains(try #require(record["RequestId"] as? String)))
    #expect(!Self.read(server.errors).contains("err-key"))
  }
}
