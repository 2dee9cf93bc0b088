import Foundation
import TatshTestSupport
import Testing

/// `run`, `rerun` and `cancel` on the embedded backend: commands really run
/// on the store's local instances, and the store tells what happened.
@Suite struct RunTests {
  /// The records a pipeline printed as JSON Lines.
  private func records(_ tatsh: TatshBinary, _ pipeline: String) throws -> [[String: Any]] {
    let result = try tatsh.run(["-c", pipeline])
    #expect(result.status == 0, "\(pipeline): \(result.standardError)")
    return result.standardOutput.split(separator: "\n").compactMap {
      try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
    }
  }

  private func seeded() throws -> TatshBinary {
    let tatsh = TatshBinary()
    try tatsh.run(["seed", "--invocations", "5"])
    return tatsh
  }

  @Test func aSucceedingAndAFailingCommandAreRecordedWithExitCodesAndOutput() throws {
    let tatsh = try seeded()
    defer { tatsh.removeStore() }
    let instances = try tatsh.run(["instances"])
    #expect(instances.standardOutput.contains("mi-local001"))
    #expect(
      instances.standardOutput.contains(tatsh.folder.appendingPathComponent("instances/mi-local003").path))

    let ok = try records(tatsh, "run 'echo ok from $(basename $PWD)' on mi-local001 | decode")
    #expect(ok.count == 1)
    #expect(ok[0]["TaskStatus"] as? String == "SUCCESS")
    let result = try #require(ok[0]["TaskResult"] as? [String: Any])
    #expect(result["ExitCode"] as? Int == 0)
    #expect(result["Output"] as? String == "ok from mi-local001\n")
    #expect(result["Dropped"] as? Int == 0)
    #expect(result["ExecStartTime"] is String && result["ExecEndTime"] is String)

    let failed = try records(
      tatsh,
      "run 'echo bad >&2; exit 7' on mi-local001, mi-local002 | decode | select instance, status, exit, output"
    )
    #expect(failed.map { $0["InstanceId"] as? String } == ["mi-local001", "mi-local002"])
    #expect(
      failed.allSatisfy { $0["TaskStatus"] as? String == "FAILED" && $0["TaskResult.ExitCode"] as? Int == 7 })
    #expect(failed.allSatisfy { $0["TaskResult.Output"] as? String == "bad\n" })

    let invocations = try records(
      tatsh, "invocations | first 2 | select status, StartTime, EndTime, Username")
    #expect(invocations.map { $0["InvocationStatus"] as? String } == ["FAILED", "SUCCESS"])
    #expect(invocations.allSatisfy { $0["EndTime"] is String && $0["StartTime"] is String })
    #expect(invocations[0]["Username"] as? String == NSUserName())
  }

  @Test func outputPast24KBIsCutAndTheRestCountedAsDropped() throws {
    let tatsh = try seeded()
    defer { tatsh.removeStore() }
    let big = try records(tatsh, "run 'head -c 30000 /dev/zero | tr \"\\\\0\" x' on mi-local001 | decode")
    let result = try #require(big.first?["TaskResult"] as? [String: Any])
    #expect((result["Output"] as? String)?.count == 24 * 1024)
    #expect(result["Dropped"] as? Int == 30_000 - 24 * 1024)
  }

  @Test func aCommandPastItsTimeoutIsStoppedAsTimeout() throws {
    let tatsh = try seeded()
    defer { tatsh.removeStore() }
    let started = Date()
    let slow = try records(tatsh, "run 'sleep 20' on mi-local002 --timeout 1s")
    #expect(Date().timeIntervalSince(started) < 10)
    #expect(slow.first?["TaskStatus"] as? String == "TIMEOUT")
    #expect((slow.first?["ErrorInfo"] as? String)?.contains("timeout") == true)
    #expect(try records(tatsh, "invocations | first 1").first?["InvocationStatus"] as? String == "TIMEOUT")
  }

  @Test func aCancelledInvocationEndsItsTasks() throws {
    let tatsh = try seeded()
    defer { tatsh.removeStore() }
    let started = try records(tatsh, "run 'sleep 30' on mi-local001, mi-local002 --no-wait")
    let id = try #require(started.first?["InvocationId"] as? String)
    #expect(["PENDING", "RUNNING"].contains(started.first?["InvocationStatus"] as? String))
    try waitUntil(tatsh, "invocations \(id) | tasks where status=RUNNING | count", prints: "{\"count\":2}")
    let cancelling = try records(tatsh, "invocations \(id) | cancel")
    #expect(cancelling.first?["InvocationStatus"] as? String == "CANCELLING")
    try waitUntil(tatsh, "invocations \(id) | select status", prints: "{\"InvocationStatus\":\"CANCELLED\"}")
    let tasks = try records(tatsh, "invocations \(id) | tasks")
    #expect(tasks.allSatisfy { $0["TaskStatus"] as? String == "TERMINATED" })
  }

  @Test func rerunRunsExactlyTheFailedInstancesAgain() throws {
    let tatsh = try seeded()
    defer { tatsh.removeStore() }
    let first = try records(
      tatsh, "run 'test \"$(basename $PWD)\" = mi-local002' on mi-local001, mi-local002, mi-local003")
    #expect(first.map { $0["TaskStatus"] as? String } == ["FAILED", "SUCCESS", "FAILED"])
    let id = try #require(first.first?["InvocationId"] as? String)
    let again = try records(
      tatsh, "invocations \(id) | tasks where status=FAILED | rerun --wait | tasks | select instance, status")
    #expect(again.map { $0["InstanceId"] as? String } == ["mi-local001", "mi-local003"])
    #expect(again.allSatisfy { $0["TaskStatus"] as? String == "FAILED" })
    let latest = try records(tatsh, "invocations | first 1 | select id, CommandContent")
    #expect(latest.first?["InvocationId"] as? String != id)
  }

  @Test func badRunsAreRefusedWithTheirPlace() throws {
    let tatsh = try seeded()
    defer { tatsh.removeStore() }
    let notLocal = try tatsh.run(["-c", "run 'true' on ins-abcdefgh"])
    #expect(notLocal.status == 1)
    #expect(notLocal.standardError.contains("ResourceNotFound.InstanceNotFound"))
    #expect(notLocal.standardError.contains("ins-abcdefgh is not a local instance"))
    #expect(notLocal.standardError.contains("RequestId"))

    let notAnId = try tatsh.run(["-c", "run 'true' on mi-local001, bogus"])
    #expect(notAnId.status == 2)
    #expect(notAnId.standardError.contains("'bogus' is not an instance id"))

    let noInstances = try tatsh.run(["-c", "run 'true'"])
    #expect(noInstances.status == 2)
    #expect(noInstances.standardError.contains("'run' needs the instances"))

    let otherUser = try tatsh.run(["-c", "run 'true' on mi-local001 --user nobody-else"])
    #expect(otherUser.status == 1)
    #expect(otherUser.standardError.contains("InvalidParameterValue.InvalidUsername"))

    let dry = try tatsh.run(["-c", "set dry-run on; run 'true' on mi-local001; invocations | count"])
    #expect(
      dry.standardError.contains(#"dry run: RunCommand {"CommandName":"tatsh-run","Content":"dHJ1ZQ==""#))
    #expect(dry.standardOutput == "{\"count\":6}\n")
  }

  @Test func aRunnerKilledMidRunLeavesTasksThatTellTheTruth() throws {
    let tatsh = try seeded()
    defer { tatsh.removeStore() }
    // The script starts a process of its own too, which must not outlive the invocation either.
    let marker = "sleep 31\(Int.random(in: 100...999))"
    let started = try records(tatsh, "run '\(marker) & \(marker)' on mi-local003 --no-wait")
    let id = try #require(started.first?["InvocationId"] as? String)
    try waitUntil(tatsh, "invocations \(id) | tasks where status=RUNNING | count", prints: "{\"count\":1}")
    #expect(Self.processes(matching: [marker]).count >= 2, "the script and its child run")
    let runner = try #require(Self.processes(matching: ["runner", id]).first)
    kill(runner, SIGKILL)
    usleep(200_000)
    let tasks = try records(tatsh, "invocations \(id) | tasks")
    // Opening the store found the runner dead, and ended what its script left.
    usleep(200_000)
    #expect(Self.processes(matching: [marker]).isEmpty, "the script outlived its invocation")
    #expect(tasks.first?["TaskStatus"] as? String == "FAILED")
    #expect((tasks.first?["ErrorInfo"] as? String)?.contains("runner stopped while the command ran") == true)
    #expect(try records(tatsh, "invocations \(id)").first?["InvocationStatus"] as? String == "FAILED")
    let after = try records(tatsh, "run 'echo still works' on mi-local003 | decode | select output")
    #expect(after.first?["TaskResult.Output"] as? String == "still works\n")
  }

  @Test func serveTellsTheTruthAtOnceWhenItsRunnerIsKilled() throws {
    let tatsh = try seeded()
    defer { tatsh.removeStore() }
    let (server, port) = try tatsh.startServer([
      "--secret-id", "AKIDkill", "--secret-key", "kill-key", "--allow-run",
    ])
    defer {
      server.terminate()
      server.waitUntilExit()
    }
    let remote = ["--endpoint", "http://127.0.0.1:\(port)"]
    let cloud = ["TENCENTCLOUD_SECRET_ID": "AKIDkill", "TENCENTCLOUD_SECRET_KEY": "kill-key"]
    let marker = "sleep 32\(Int.random(in: 100...999))"
    let started = try tatsh.run(
      remote + ["-c", "run '\(marker)' on mi-local002 --no-wait --yes | select id"], environment: cloud)
    let record = try JSONSerialization.jsonObject(with: Data(started.standardOutput.utf8)) as? [String: Any]
    let id = try #require(record?["InvocationId"] as? String, "\(started.standardError)")
    // Killed before it starts the command, the runner leaves DELIVER_FAILED, which is also
    // the truth; this test is about a command killed while it runs.
    var status = ""
    for _ in 0..<100 where status != "{\"TaskStatus\":\"RUNNING\"}\n" {
      status = try tatsh.run(
        remote + ["-c", "invocations \(id) | tasks | select status"], environment: cloud
      ).standardOutput
      usleep(100_000)
    }
    #expect(status == "{\"TaskStatus\":\"RUNNING\"}\n")
    let runner = Self.processes(matching: ["tatsh-runner", id]).first
    kill(try #require(runner), SIGKILL)
    for _ in 0..<50 where status != "{\"TaskStatus\":\"FAILED\"}\n" {
      usleep(100_000)
      status = try tatsh.run(
        remote + ["-c", "invocations \(id) | tasks | select status"], environment: cloud
      ).standardOutput
    }
    #expect(status == "{\"TaskStatus\":\"FAILED\"}\n")
    #expect(Self.processes(matching: [marker]).isEmpty, "the script outlived its invocation")
  }

  /// Runs `pipeline` until it prints `expected` (at most 10 s).
  private func waitUntil(_ tatsh: TatshBinary, _ pipeline: String, prints expected: String) throws {
    let deadline = Date().addingTimeInterval(10)
    var last = ""
    while Date() < deadline {
      last = try tatsh.run(["-c", pipeline]).standardOutput
      if last == expected + "\n" { return }
      usleep(100_000)
    }
    let log =
      (try? String(contentsOf: tatsh.folder.appendingPathComponent("runs/runner.log"), encoding: .utf8)) ?? ""
    let tasks = (try? tatsh.run(["-c", "tasks | first 3"]).standardOutput) ?? ""
    Issue.record("\(pipeline) printed \(last), not \(expected); runner log: \(log); tasks: \(tasks)")
  }

  /// The processes whose command line holds every one of `words`.
  private static func processes(matching words: [String]) -> [pid_t] {
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
    return entries.compactMap { entry in
      guard let pid = pid_t(entry),
        let data = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline")
      else { return nil }
      let line = String(decoding: data.map { $0 == 0 ? 32 : $0 }, as: UTF8.self)
      return words.allSatisfy { line.contains($0) } ? pid : nil
    }
  }
}
