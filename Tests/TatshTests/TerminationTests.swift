import Foundation
import TatshTestSupport
import Testing

/// SIGTERM or SIGHUP (the terminal closed) to tatsh in the middle of a
/// pipeline: what had already come out is written, and the plugins, `each`
/// commands and `^` commands it started end with it, their process groups
/// included, instead of running on under PID 1.
@Suite struct TerminationTests {
  /// The processes whose command line holds `word`.
  static func processes(matching word: String) -> [pid_t] {
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
    return entries.compactMap { entry in
      guard let pid = pid_t(entry), pid != getpid(),
        let data = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline")
      else { return nil }
      return String(decoding: data.map { $0 == 0 ? 32 : $0 }, as: UTF8.self).contains(word) ? pid : nil
    }
  }

  @Test(arguments: [SIGTERM, SIGHUP])
  func aStopSignalEndsWhatTatshStartedAfterWritingWhatCameOut(_ signal: Int32) throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let plugins = tatsh.folder.appendingPathComponent("plugins")
    try FileManager.default.createDirectory(at: plugins, withIntermediateDirectories: true)
    let marker = "sleep 4\(Int.random(in: 1000...9999))"
    // Passes two records on, then starts a process of its own and waits on it.
    try """
    #!/bin/sh
    if [ "$1" = --tatsh-describe ]; then
      echo '{"name":"stall","summary":"two records, then a wait","usage":"stall","emits":"records"}'; exit 0
    fi
    head -n 2
    \(marker) &
    wait
    """.write(to: plugins.appendingPathComponent("tatsh-stall"), atomically: true, encoding: .utf8)
    chmod(plugins.appendingPathComponent("tatsh-stall").path, 0o755)

    for pipeline in [
      "invocations | first 3 | stall", "invocations | first 3 | each '\(marker)'",
      "invocations | first 3 | ^sh -c 'head -n 2; \(marker) & wait'",
    ] {
      let output = tatsh.folder.appendingPathComponent("out-\(UUID().uuidString.prefix(6))")
      let process = try tatsh.start(
        ["-c", pipeline], errorFile: tatsh.folder.appendingPathComponent("err"), outputFile: output,
        environment: ["TATSH_PLUGIN_PATH": plugins.path])
      let deadline = Date().addingTimeInterval(20)
      while Self.processes(matching: marker).isEmpty, Date() < deadline { usleep(50_000) }
      #expect(!Self.processes(matching: marker).isEmpty, "\(pipeline): the command started")
      usleep(300_000)
      kill(process.processIdentifier, signal)
      process.waitUntilExit()
      #expect(process.terminationReason == .uncaughtSignal, "\(pipeline)")
      #expect(process.terminationStatus == signal, "\(pipeline): ended by \(process.terminationStatus)")
      usleep(200_000)
      #expect(Self.processes(matching: marker).isEmpty, "\(pipeline): left running after tatsh")
      let printed = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
      if !pipeline.contains("each") {
        #expect(
          printed.split(separator: "\n").count == 2,
          "\(pipeline): what came out before the signal: \(printed)")
      }
    }
  }
}
