import Foundation
import TatshTestSupport
import Testing

/// `tatsh doctor` through the real binary: against `tatsh serve` healthy,
/// with its clock off, with a key it does not know, and not listening; a
/// credentials file others can read; the embedded store healthy, damaged
/// and absent; a broken plugin.
@Suite struct DoctorTests {
  static let secretId = "AKIDdoctor0123456789abcd"
  static let key = "dOcToR-kEy-\(UUID().uuidString.prefix(8))"

  /// An environment whose locale, plugin path and terminal say nothing wrong of themselves.
  static let calm = ["LC_ALL": "C.UTF-8", "TATSH_PLUGIN_PATH": "", "NO_COLOR": ""]

  /// A credentials file in tccli's format holding `secretId` and `key`, with `mode`.
  func credentials(
    _ tatsh: TatshBinary, secretId: String = DoctorTests.secretId, key: String = DoctorTests.key,
    mode: mode_t = 0o600
  ) throws -> String {
    let file = tatsh.folder.appendingPathComponent("client-\(UUID().uuidString.prefix(6)).credential").path
    try Data(#"{"secretId":"\#(secretId)","secretKey":"\#(key)"}"#.utf8).write(to: URL(fileURLWithPath: file))
    chmod(file, mode)
    return file
  }

  /// `tatsh doctor` against `tatsh serve` on `port`, signing with the key in `file`.
  func doctor(
    _ tatsh: TatshBinary, port: Int, credentials file: String, extra: [String] = []
  ) throws -> TatshBinary.Result {
    try tatsh.run(
      ["doctor", "--credentials", file, "--endpoint", "http://127.0.0.1:\(port)", "--region", "ap-guangzhou"]
        + extra, environment: Self.calm)
  }

  /// `tatsh serve` with this suite's key, and `extra` options.
  func serve(_ tatsh: TatshBinary, _ extra: [String] = []) throws -> (process: Process, port: Int) {
    try tatsh.startServer(["--secret-id", Self.secretId, "--secret-key", Self.key] + extra)
  }

  /// The report's lines that start with a mark, each as its mark and the rest.
  func checks(_ output: String) -> [(mark: String, text: String)] {
    output.split(separator: "\n").compactMap { line in
      guard let first = line.first, ["✔", "!", "✘", "–"].contains(first) else { return nil }
      return (String(first), String(line.dropFirst(2)))
    }
  }

  /// The first line of the report about `subject`.
  func line(_ subject: String, in output: String) -> (mark: String, text: String)? {
    checks(output).first { $0.text.hasPrefix(subject + " ") }
  }

  @Test func aHealthyServeIsAllWellAndTheKeyIsNeverShown() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let (server, port) = try serve(tatsh)
    defer {
      server.terminate()
      server.waitUntilExit()
    }
    let result = try doctor(tatsh, port: port, credentials: try credentials(tatsh))
    #expect(result.status == 0, "\(result.standardOutput)\(result.standardError)")
    let lines = checks(result.standardOutput)
    #expect(lines.count >= 15, "\(result.standardOutput)")
    for line in lines {
      #expect(line.mark == "✔" || line.mark == "–", "\(line.mark) \(line.text)")
    }
    #expect(
      line("credentials", in: result.standardOutput)?.text.contains("SecretId ****abcd from --credentials")
        == true)
    #expect(result.standardOutput.contains("is private (mode 600)"))
    #expect(line("region", in: result.standardOutput)?.text.contains("ap-guangzhou") == true)
    let endpoint = try #require(line("endpoint", in: result.standardOutput))
    #expect(
      endpoint.text.range(
        of: #"http://127\.0\.0\.1:\d+ answered in [0-9.]+ (ms|s)$"#, options: .regularExpression) != nil,
      "\(endpoint.text)")
    #expect(
      line("clock", in: result.standardOutput)?.text.contains(
        "in step with the server's, as near as its Date header tells") == true)
    #expect(
      line("signed call", in: result.standardOutput)?.text.range(
        of: #"DescribeInvocations answered \(RequestId [0-9a-f-]{36}\)"#, options: .regularExpression) != nil)
    #expect(line("store", in: result.standardOutput)?.text.contains("the cloud backend does not use") == true)
    #expect(result.standardOutput.hasSuffix("\nNo problems.\n"))
    for text in [result.standardOutput, result.standardError] {
      #expect(!text.contains(Self.key))
      #expect(!text.contains(Self.secretId))
    }
  }

  @Test func aServerClockTwoMinutesAheadIsAWarning() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let (server, port) = try serve(tatsh, ["--clock-offset", "120"])
    defer {
      server.terminate()
      server.waitUntilExit()
    }
    let result = try doctor(tatsh, port: port, credentials: try credentials(tatsh))
    #expect(result.status == 0, "\(result.standardOutput)")
    let clock = try #require(line("clock", in: result.standardOutput))
    #expect(clock.mark == "!")
    #expect(
      clock.text.range(
        of: #"this machine's clock is 1(19|20|21) s behind the server's"#, options: .regularExpression)
        != nil, "\(clock.text)")
    #expect(result.standardOutput.contains("fix: set the clock right"))
    #expect(line("signed call", in: result.standardOutput)?.mark == "✔")
    #expect(result.standardOutput.hasSuffix("\nNo problems; 1 warning.\n"), "\(result.standardOutput)")
  }

  @Test(arguments: [400, -400])
  func aServerClockPastFiveMinutesFailsBecauseSignaturesExpire(offset: Int) throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let (server, port) = try serve(tatsh, ["--clock-offset", String(offset)])
    defer {
      server.terminate()
      server.waitUntilExit()
    }
    let result = try doctor(tatsh, port: port, credentials: try credentials(tatsh))
    #expect(result.status == 1, "\(result.standardOutput)")
    let clock = try #require(line("clock", in: result.standardOutput))
    #expect(clock.mark == "✘")
    #expect(
      clock.text.range(
        of:
          #"this machine's clock is (399|400|401) s \#(offset > 0 ? "behind" : "ahead of") the server's .*: past 300 s signatures expire"#,
        options: .regularExpression) != nil, "\(clock.text)")
    let call = try #require(line("signed call", in: result.standardOutput))
    #expect(call.mark == "✘")
    #expect(call.text.contains("AuthFailure.SignatureExpire, because of the clock (above)"))
  }

  @Test func aKeyServeDoesNotKnowFailsWithTheCodeAndRequestId() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let (server, port) = try serve(tatsh)
    defer {
      server.terminate()
      server.waitUntilExit()
    }
    let stranger = "stRaNgEr-\(UUID().uuidString.prefix(8))"
    let result = try doctor(
      tatsh, port: port,
      credentials: try credentials(tatsh, secretId: "AKIDstranger00000000wxyz", key: stranger))
    #expect(result.status == 1)
    let call = try #require(line("signed call", in: result.standardOutput))
    #expect(call.mark == "✘")
    #expect(
      call.text.range(
        of: #"DescribeInvocations refused: AuthFailure\.SecretIdNotFound: .*\(RequestId [0-9a-f-]{36}\)"#,
        options: .regularExpression) != nil, "\(call.text)")
    #expect(result.standardOutput.contains("fix: the endpoint does not know the SecretId ****wxyz"))
    #expect(line("endpoint", in: result.standardOutput)?.mark == "✔")
    #expect(!(result.standardOutput + result.standardError).contains(stranger))
  }

  @Test func anEndpointWhereNothingListensFailsPromptly() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let (server, port) = try serve(tatsh)
    server.terminate()
    server.waitUntilExit()
    let started = Date()
    let result = try doctor(tatsh, port: port, credentials: try credentials(tatsh))
    #expect(Date().timeIntervalSince(started) < 8)
    #expect(result.status == 1)
    let endpoint = try #require(line("endpoint", in: result.standardOutput))
    #expect(endpoint.mark == "✘")
    #expect(
      endpoint.text.contains("cannot reach http://127.0.0.1:\(port)/: connection refused"), "\(endpoint.text)"
    )
    #expect(line("clock", in: result.standardOutput)?.text.hasSuffix("  not checked: no answer came") == true)
    #expect(
      line("signed call", in: result.standardOutput)?.text.contains("not checked: no answer came") == true)
  }

  @Test func aCredentialsFileOthersCanReadFailsWithTheChmodFix() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let (server, port) = try serve(tatsh)
    defer {
      server.terminate()
      server.waitUntilExit()
    }
    let file = try credentials(tatsh, mode: 0o644)
    let result = try doctor(tatsh, port: port, credentials: file)
    #expect(result.status == 1)
    let exposed = try #require(line("key file", in: result.standardOutput))
    #expect(exposed.mark == "✘")
    #expect(exposed.text.contains("\(file) is readable by other users (mode 644"), "\(exposed.text)")
    #expect(result.standardOutput.contains("fix: chmod 600 \(file)\n"))
    #expect(!(result.standardOutput + result.standardError).contains(Self.key))
  }

  @Test func aChoiceTatshRefusesIsAFailedLineAndTheRestStillRuns() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let result = try tatsh.run(
      ["doctor", "--backend", "embedded", "--region", "ap-guangzhou"], environment: Self.calm)
    #expect(result.status == 2, "a usage error, as tatsh config says it")
    #expect(line("backend", in: result.standardOutput)?.mark == "✘")
    #expect(
      result.standardOutput.contains(
        "--region is for the cloud backend, and --backend embedded does not use it"))
    #expect(
      line("endpoint", in: result.standardOutput)?.text.contains("not checked: tatsh refuses this set-up")
        == true)
    #expect(
      line("store", in: result.standardOutput)?.text.contains("not checked: tatsh refuses this set-up")
        == true,
      "the store of a backend tatsh would not use is not examined")
    #expect(line("libedit", in: result.standardOutput)?.mark == "✔")
    #expect(line("locale", in: result.standardOutput)?.text.contains("LC_ALL=C.UTF-8") == true)
  }

  @Test func aHealthyEmbeddedStoreIsCountedAndLeftAsItWas() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let made = try tatsh.run(["-c", "invocations | count"])
    #expect(made.status == 0, "\(made.standardError)")
    let before = try Data(contentsOf: URL(fileURLWithPath: tatsh.storePath))
    let result = try tatsh.run(["doctor"], environment: Self.calm)
    #expect(result.status == 0, "\(result.standardOutput)")
    #expect(line("backend", in: result.standardOutput)?.text.contains("embedded") == true)
    #expect(line("endpoint", in: result.standardOutput)?.text.contains("n/a") == true)
    #expect(line("clock", in: result.standardOutput)?.text.contains("n/a") == true)
    #expect(line("integrity", in: result.standardOutput)?.text.contains("PRAGMA integrity_check: ok") == true)
    #expect(line("schema", in: result.standardOutput)?.text.contains("up to date") == true)
    let records = try #require(line("records", in: result.standardOutput))
    #expect(
      records.text.range(
        of: #"\d+ invocations, \d+ tasks, \d+ commands, \d+ local instances"#, options: .regularExpression)
        != nil,
      "\(records.text)")
    #expect(try Data(contentsOf: URL(fileURLWithPath: tatsh.storePath)) == before)
  }

  @Test func aDamagedStoreFailsTheIntegrityCheck() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    #expect(try tatsh.run(["-c", "invocations | count"]).status == 0)
    let copy = tatsh.folder.appendingPathComponent("damaged.sqlite").path
    try FileManager.default.copyItem(atPath: tatsh.storePath, toPath: copy)
    // Garbage over pages in the second half of the file: the tables' rows, not the schema.
    let handle = try #require(FileHandle(forUpdatingAtPath: copy))
    let size = try handle.seekToEnd()
    try handle.seek(toOffset: size / 2 / 4096 * 4096)
    try handle.write(contentsOf: Data(repeating: 0xA5, count: 64 * 1024))
    try handle.close()
    let result = try tatsh.run(["doctor", "--store", copy], environment: Self.calm)
    #expect(result.status == 1)
    let integrity = try #require(line("integrity", in: result.standardOutput))
    #expect(integrity.mark == "✘", "\(result.standardOutput)")
    #expect(integrity.text.contains("PRAGMA integrity_check: "))
    #expect(!integrity.text.hasSuffix("ok"))
    #expect(
      result.standardOutput.contains("fix: the store is damaged: move it aside (mv \(copy) \(copy).broken)"))
  }

  @Test func aStoreThatDoesNotExistIsNotMade() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let path = tatsh.folder.appendingPathComponent("nowhere/tat.sqlite").path
    let result = try tatsh.run(["doctor", "--store", path], environment: Self.calm)
    #expect(result.status == 0, "\(result.standardOutput)")
    #expect(
      line("store", in: result.standardOutput)?.text.contains("not created yet; tatsh makes it on first use")
        == true)
    #expect(
      line("integrity", in: result.standardOutput)?.text.contains("not checked: there is no store yet")
        == true)
    #expect(!FileManager.default.fileExists(atPath: path))
    #expect(!FileManager.default.fileExists(atPath: tatsh.folder.appendingPathComponent("nowhere").path))
  }

  /// A trial found a port held by another program called unreachable, with a parser's jargon.
  @Test func anEndpointThatDoesNotSpeakHTTPIsSaidToAnswerInSomethingElse() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let other = try FaultEndpoint(["--fault", "not-http"])
    defer { other.stop() }
    let result = try tatsh.run(
      [
        "doctor", "--credentials", try credentials(tatsh), "--endpoint", other.url, "--region",
        "ap-guangzhou",
      ],
      environment: Self.calm)
    #expect(result.status == 1)
    let endpoint = try #require(line("endpoint", in: result.standardOutput))
    #expect(endpoint.mark == "✘")
    #expect(
      endpoint.text.contains(
        "\(other.url)/ answered, but not in HTTP: is another program listening on that port?"),
      "\(result.standardOutput)")
    #expect(
      result.standardOutput.contains(
        "fix: point --endpoint (\(other.url), from --endpoint) at the TAT API's port"),
      "\(result.standardOutput)")

    // One that takes the request and never finishes its answer: stuck, and --timeout bounds the wait.
    let stuck = try FaultEndpoint(["--fault", "stall"])
    defer { stuck.stop() }
    let started = Date()
    let stalled = try tatsh.run(
      [
        "doctor", "--credentials", try credentials(tatsh), "--endpoint", stuck.url, "--region",
        "ap-guangzhou",
        "--timeout", "2",
      ], environment: Self.calm)
    #expect(Date().timeIntervalSince(started) < 10)
    #expect(stalled.status == 1)
    #expect(
      stalled.standardOutput.contains("more than 2 s to answer is stuck or overloaded"),
      "\(stalled.standardOutput)")
  }

  /// A trial found a read-only store passed by doctor that tatsh could not open.
  @Test func aStoreThisUserCannotWriteIsAProblemWithItsFix() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    #expect(try tatsh.run(["-c", "invocations | count"]).status == 0)
    let shared = tatsh.folder.appendingPathComponent("shared")
    try FileManager.default.createDirectory(at: shared, withIntermediateDirectories: true)
    chmod(shared.path, 0o777)
    let copy = shared.appendingPathComponent("tat.sqlite").path
    try FileManager.default.copyItem(atPath: tatsh.storePath, toPath: copy)
    chmod(copy, 0o444)
    // Root may write anything: the check is made as another user then.
    let isRoot = getuid() == 0
    let result = try tatsh.run(
      ["doctor", "--store", copy], environment: Self.calm,
      wrapper: isRoot ? ["/usr/sbin/runuser", "-u", "nobody", "--"] : [])
    #expect(result.status == 1, "\(result.standardOutput)\(result.standardError)")
    let store = try #require(line("store", in: result.standardOutput))
    #expect(store.mark == "✘")
    #expect(store.text.contains("is read-only for you, and tatsh writes to its store"), "\(store.text)")
    #expect(
      result.standardOutput.contains(
        isRoot ? "fix: it belongs to root: run tatsh as root, or copy it" : "fix: chmod u+w \(copy)"),
      "\(result.standardOutput)")
    #expect(!result.standardOutput.contains("mv "))
  }

  /// A trial found another program's database taken for an empty store, and seeded.
  @Test func anotherProgramsDatabaseIsRefusedAndLeftAsItWas() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let theirs = tatsh.folder.appendingPathComponent("theirs.sqlite").path
    let made = try OfficialClients.run(
      URL(fileURLWithPath: "/usr/bin/env"),
      ["sqlite3", theirs, "CREATE TABLE people(name TEXT); INSERT INTO people VALUES ('bob');"])
    try #require(made.status == 0, "\(made.output)")
    let before = try Data(contentsOf: URL(fileURLWithPath: theirs))
    let doctor = try tatsh.run(["doctor", "--store", theirs], environment: Self.calm)
    #expect(doctor.status == 1)
    #expect(
      line("store", in: doctor.standardOutput)?.text.contains(
        "is another program's database (its tables: people), not a tatsh store") == true,
      "\(doctor.standardOutput)")
    let used = try tatsh.run(["--store", theirs, "-c", "invocations | count"])
    #expect(used.status == 1)
    #expect(used.standardOutput.isEmpty)
    #expect(
      used.standardError.contains("is another program's database (its tables: people), not a tatsh store"),
      "\(used.standardError)")
    #expect(!used.standardError.contains("seeded"))
    #expect(try Data(contentsOf: URL(fileURLWithPath: theirs)) == before, "tatsh changed their database")
  }

  /// A trial found an uninstalled locale passed, and LANG offered as the fix under LC_ALL=C.
  @Test func theLocaleFixNamesTheVariableThatDecidesAndAnUninstalledLocaleIsAWarning() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let store = ["--store", tatsh.storePath]
    let underAll = try tatsh.run(
      ["doctor"] + store, environment: Self.calm.merging(["LC_ALL": "C", "LANG": "C.UTF-8"]) { $1 })
    #expect(line("locale", in: underAll.standardOutput)?.mark == "!")
    #expect(underAll.standardOutput.contains("fix: export LC_ALL=C.UTF-8"), "\(underAll.standardOutput)")
    let missing = try tatsh.run(
      ["doctor"] + store,
      environment: Self.calm.merging(["LC_ALL": "", "LC_CTYPE": "", "LANG": "xx_YY.UTF-8"]) { $1 })
    let locale = try #require(line("locale", in: missing.standardOutput))
    #expect(locale.mark == "!")
    #expect(locale.text.contains("LANG=xx_YY.UTF-8 is not installed here"), "\(locale.text)")
    #expect(missing.status == 0, "a warning is not a failure")
  }

  /// A trial found doctor offering to move a whole folder (the home folder) aside.
  @Test func aStorePathThatIsAFolderOrCannotBeMadeFailsWithoutMovingAnything() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let folder = tatsh.folder.path
    let asFolder = try tatsh.run(["doctor", "--store", folder], environment: Self.calm)
    #expect(asFolder.status == 1)
    let store = try #require(line("store", in: asFolder.standardOutput))
    #expect(store.mark == "✘")
    #expect(store.text.contains("\(folder) (--store) is a folder, not a store file"), "\(store.text)")
    #expect(asFolder.standardOutput.contains("fix: give the store file's path, such as \(folder)/tat.sqlite"))
    #expect(!asFolder.standardOutput.contains("mv "), "\(asFolder.standardOutput)")

    let file = tatsh.folder.appendingPathComponent("plain-file")
    try Data("x".utf8).write(to: file)
    let under = try tatsh.run(["doctor", "--store", file.path + "/x.sqlite"], environment: Self.calm)
    #expect(under.status == 1)
    #expect(
      line("store", in: under.standardOutput)?.text.contains(
        "cannot be made: \(file.path) is a file, not a folder")
        == true, "\(under.standardOutput)")
  }

  @Test func aBrokenPluginIsNamed() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let folder = tatsh.folder.appendingPathComponent("plugins")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let plugin = folder.appendingPathComponent("tatsh-mute").path
    try "#!/bin/sh\nexit 0\n".write(toFile: plugin, atomically: true, encoding: .utf8)
    chmod(plugin, 0o755)
    let stuck = folder.appendingPathComponent("tatsh-stuck").path
    try "#!/bin/sh\nexit 0\n".write(toFile: stuck, atomically: true, encoding: .utf8)
    chmod(stuck, 0o644)
    let result = try tatsh.run(
      ["doctor", "--store", tatsh.folder.appendingPathComponent("none.sqlite").path],
      environment: Self.calm.merging(["TATSH_PLUGIN_PATH": folder.path]) { $1 })
    #expect(result.status == 1)
    let broken = try #require(line("plugin mute", in: result.standardOutput))
    #expect(broken.mark == "✘")
    #expect(
      broken.text.contains("\(plugin): broken: tatsh-mute --tatsh-describe printed nothing"), "\(broken.text)"
    )
    #expect(result.standardOutput.contains("fix: run \(plugin) --tatsh-describe"))
    #expect(line("plugin stuck", in: result.standardOutput)?.mark == "✘")
    #expect(result.standardOutput.contains("fix: chmod +x \(stuck)\n"))
    #expect(result.standardOutput.hasSuffix("\n2 problems.\n"), "\(result.standardOutput)")
  }

  @Test func theHelpSaysWhatItChecksAndServeHidesItsClockOption() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let help = try tatsh.run(["doctor", "--help"])
    #expect(help.status == 0)
    for word in [
      "credentials", "region", "endpoint", "clock", "store", "libedit", "plugins", "Exit status: 0",
    ] {
      #expect(help.standardOutput.contains(word), "\(word)")
    }
    let serveHelp = try tatsh.run(["serve", "--help"])
    #expect(!serveHelp.standardOutput.contains("clock-offset"))
    let tooFar = try tatsh.run(["serve", "--clock-offset", "100000"])
    #expect(tooFar.status == 2)
    #expect(tooFar.standardError.contains("--clock-offset takes seconds from -86400 to 86400"))
    let unknown = try tatsh.run(["doctor", "--no-such-option"])
    #expect(unknown.status == 2)
  }
}
