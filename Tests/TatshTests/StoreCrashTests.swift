import Foundation
import TatshTestSupport
import Testing

/// The store after SIGKILL at the worst moments: SQLite's own integrity
/// check passes, and everything that was committed (or acknowledged to a
/// client) is there whole. The shell and `serve` share a store without
/// `database is locked` reaching anyone.
@Suite(.serialized) struct StoreCrashTests {
  static let endTime = "2026-11-01T00:00:00Z"

  @Test func aSeedKilledMidwayKeepsWholeInvocationsAndCanBeRedone() throws {
    let reference = TatshBinary()
    let crashed = TatshBinary()
    defer {
      reference.removeStore()
      crashed.removeStore()
    }
    let seed = ["seed", "--invocations", "12000", "--end-time", Self.endTime]
    #expect(try reference.run(seed).status == 0)
    let seeding = try crashed.start(seed, errorFile: crashed.folder.appendingPathComponent("seed.err"))
    // Past the first commit (5,000 invocations), then a moment into the next.
    let deadline = Date().addingTimeInterval(60)
    while Date() < deadline,
      (Int(Self.sqlite(crashed.storePath, "SELECT COUNT(*) FROM invocation")) ?? 0) == 0
    {
      usleep(50_000)
    }
    usleep(300_000)
    kill(seeding.processIdentifier, SIGKILL)
    seeding.waitUntilExit()
    #expect(seeding.terminationReason == .uncaughtSignal)

    #expect(Self.sqlite(crashed.storePath, "PRAGMA integrity_check") == "ok")
    let kept = try Self.invocations(crashed)
    let all = try Self.invocations(reference)
    #expect(kept.count > 0 && kept.count < all.count, "killed between commits: \(kept.count) of \(all.count)")
    #expect(kept.count % 5_000 == 0, "only whole batches were committed")
    // Each invocation kept is the reference's, with every one of its tasks.
    for (id, record) in kept { #expect(all[id] == record, "\(id) differs from the uninterrupted seed") }
    let keptTasks = try crashed.run(["-c", "tasks | count"]).standardOutput
    let expectedTasks = kept.values.reduce(0) {
      $0 + ($1.components(separatedBy: "\"InvocationTaskId\"").count - 1)
    }
    #expect(keptTasks == "{\"count\":\(expectedTasks)}\n")

    let refusal = try crashed.run(seed)
    #expect(refusal.status == 1)
    #expect(refusal.standardError.contains("already holds \(kept.count) invocations; add --replace"))
    #expect(try crashed.run(seed + ["--replace"]).status == 0)
    #expect(try Self.invocations(crashed) == all)
  }

  @Test func serveKilledDuringWritesLosesNothingItAcknowledgedAndTheShellNeverSeesALock() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    #expect(try tatsh.run(["seed", "--invocations", "50", "--end-time", Self.endTime]).status == 0)
    let (server, port) = try tatsh.startServer([
      "--rate", "0", "--secret-id", "AKIDany", "--secret-key", "any-key", "--allow-run",
    ])
    let acknowledgements = tatsh.folder.appendingPathComponent("acknowledged")
    _ = FileManager.default.createFile(atPath: acknowledgements.path, contents: nil)
    let load = Process()
    load.executableURL = OfficialClients.sdkPython
    load.arguments = [OfficialClients.script("sdk_write_load.py").path, String(port), "2"]
    load.standardOutput = try FileHandle(forWritingTo: acknowledgements)
    load.standardError = load.standardOutput
    try load.run()

    // The shell writes and reads the same store meanwhile.
    for round in 0..<4 {
      let run = try tatsh.run(["-c", "run 'echo shell \(round)' on mi-local003 | count"])
      #expect(run.status == 0, "\(run.standardError)")
      #expect(run.standardOutput == "{\"count\":1}\n")
      let read = try tatsh.run(["-c", "invocations | first 40 | tasks | count"])
      #expect(read.status == 0, "\(read.standardError)")
      for errors in [run.standardError, read.standardError] {
        #expect(!errors.contains("locked"), "\(errors)")
      }
    }
    kill(server.processIdentifier, SIGKILL)
    server.waitUntilExit()
    load.waitUntilExit()

    let lines = try String(contentsOf: acknowledgements, encoding: .utf8).split(separator: "\n")
    #expect(lines.filter { $0.hasPrefix("error") }.isEmpty, "\(lines.filter { $0.hasPrefix("error") })")
    let acknowledged = Set(lines.filter { $0.hasPrefix("acknowledged ") }.map { String($0.dropFirst(13)) })
    #expect(acknowledged.count >= 10, "the load ran: \(lines.suffix(3))")
    // Runners started by the server finish on their own; tasks the server
    // made but no runner took over are settled when the store next opens.
    let unsettled =
      "SELECT COUNT(*) FROM invocation_task WHERE created_time > '2026-11-02' AND task_status IN ('PENDING', 'DELIVERING', 'RUNNING')"
    let deadline = Date().addingTimeInterval(30)
    while Date() < deadline, Self.sqlite(tatsh.storePath, unsettled) != "0" {
      _ = try tatsh.run(["-c", "invocations | first 1 | count"])
      usleep(100_000)
    }
    #expect(Self.sqlite(tatsh.storePath, "PRAGMA integrity_check") == "ok")
    let stored = Set(
      Self.sqlite(tatsh.storePath, "SELECT invocation_id FROM invocation WHERE created_time > '2026-11-02'")
        .split(separator: "\n").map(String.init))
    #expect(
      acknowledged.subtracting(stored).isEmpty, "acknowledged but lost: \(acknowledged.subtracting(stored))")
    #expect(Self.sqlite(tatsh.storePath, unsettled) == "0")
    let after = try tatsh.run(["-c", "run 'echo after' on mi-local001 | decode | select output"])
    #expect(after.standardOutput == "{\"TaskResult.Output\":\"after\\n\"}\n", "\(after.standardError)")
  }

  @Test func aShellAndItsRunnerKilledWhileOutputPoursInLeaveAnIntactStore() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    #expect(try tatsh.run(["seed", "--invocations", "20", "--end-time", Self.endTime]).status == 0)
    let shell = try tatsh.start(
      ["-c", "run 'for i in $(seq 1 200000); do echo line $i; done; sleep 30' on mi-local001 mi-local002"],
      errorFile: tatsh.folder.appendingPathComponent("run.err"))
    let running =
      "SELECT COUNT(*) FROM invocation_task WHERE created_time > '2026-11-02' AND task_status = 'RUNNING'"
    let deadline = Date().addingTimeInterval(30)
    while Date() < deadline, Self.sqlite(tatsh.storePath, running) != "2" { usleep(50_000) }
    usleep(200_000)
    kill(shell.processIdentifier, SIGKILL)
    for runner in Self.processes(matching: ["runner", tatsh.storePath]) { kill(runner, SIGKILL) }
    for script in Self.processes(matching: ["seq 1 200000"]) { kill(script, SIGKILL) }
    shell.waitUntilExit()

    #expect(Self.sqlite(tatsh.storePath, "PRAGMA integrity_check") == "ok")
    // Opening the store settles the tasks whose runner is gone.
    let tasks = try tatsh.run(["-c", "invocations | first 1 | tasks | select status, error"])
    #expect(tasks.status == 0, "\(tasks.standardError)")
    let lines = tasks.standardOutput.split(separator: "\n")
    #expect(lines.count == 2)
    for line in lines {
      #expect(line.contains("\"TaskStatus\":\"FAILED\""), "\(line)")
      #expect(line.contains("runner stopped while the command ran"), "\(line)")
    }
  }

  /// Every invocation of the store as its JSON record, by id.
  static func invocations(_ tatsh: TatshBinary) throws -> [String: String] {
    let result = try tatsh.run(["-c", "invocations | jsonl"])
    #expect(result.status == 0, "\(result.standardError)")
    var records: [String: String] = [:]
    for line in result.standardOutput.split(separator: "\n") {
      let id = line.firstRange(of: #/"InvocationId":"(inv-[a-z0-9]+)"/#).map { String(line[$0]) } ?? ""
      records[id] = String(line)
    }
    return records
  }

  /// What the sqlite3 command prints for `sql` on the store at `path`, trimmed.
  static func sqlite(_ path: String, _ sql: String) -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
    process.arguments = [path, sql]
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    guard (try? process.run()) != nil else { return "" }
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
  }

  /// The processes whose command line holds every one of `words`.
  static func processes(matching words: [String]) -> [pid_t] {
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
    return entries.compactMap { entry in
      guard let pid = pid_t(entry),
        let line = try? String(contentsOfFile: "/proc/\(entry)/cmdline", encoding: .utf8)
      else { return nil }
      let command = line.replacingOccurrences(of: "\0", with: " ")
      return words.allSatisfy { command.contains($0) } ? pid : nil
    }
  }
}
