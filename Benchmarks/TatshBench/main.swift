import Foundation
import TatshEngine

// Figures for the language: parse + plan time of a long pipeline, and
// records per second through `where … | select … | count` in memory.
// Run with `bench/language` (a release build).

func seconds(_ body: () async throws -> Void) async rethrows -> Double {
  let start = DispatchTime.now().uptimeNanoseconds
  try await body()
  return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }

nonisolated func runBenchmarks() async throws {
  let pipeline =
    "invocations where (status in (FAILED, TIMEOUT, PARTIAL_FAILED) or name ~ '^TAT_') and kind = CVM | tasks | where exit != 0 and output !~ 'ignored' | decode | select id, instance, exit, output | sort by exit desc | first 20"
  precondition(pipeline.count >= 200)

  let planRounds = 2_000
  var planTimes: [Double] = []
  for _ in 0..<5 {
    planTimes.append(
      try await seconds {
        for _ in 0..<planRounds { _ = try Session.plans(for: pipeline) }
      } / Double(planRounds))
  }
  let planMillis = median(planTimes) * 1_000

  let count = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 1_000_000
  let statuses = ["SUCCESS", "FAILED", "TIMEOUT", "RUNNING"]
  let records = (0..<count).map { index in
    Record([
      Record.Field("InvocationTaskId", .string("invt-\(String(index, radix: 36))")),
      Record.Field("TaskStatus", .string(statuses[index % statuses.count])),
      Record.Field("InstanceId", .string("ins-\(index % 500)")),
      Record.Field("TaskResult", .object(Record([Record.Field("ExitCode", .int(index % 7))]))),
    ])
  }
  let session = Session(
    service: UnavailableService(), output: TextBuffer(), errors: TextBuffer(),
    terminal: Terminal(isInteractive: false, width: nil))
  session.setVariable("tasks", records: records, kind: .task)
  var throughput: [Double] = []
  for _ in 0..<3 {
    let elapsed = await seconds {
      _ = await session.run(
        "$tasks where status = FAILED and exit > 2 | select id, exit | count", origin: nil)
    }
    throughput.append(Double(count) / elapsed)
  }
  let recordsPerSecond = median(throughput)

  print(
    String(
      format: "parse + plan, %d-character pipeline:   %.3f ms   (target < 1 ms: %@)", pipeline.count,
      planMillis, planMillis < 1 ? "met" : "missed"))
  print(
    String(
      format: "where | select | count, 1,000,000 records: %.2f M records/s   (target > 1 M/s: %@)",
      recordsPerSecond / 1e6, recordsPerSecond > 1e6 ? "met" : "missed"))
}

try await runBenchmarks()
