import ArgumentParser
import Foundation
import TATCore
import TATEmbedded

/// `tatsh seed`: fills the embedded store with deterministic demo data.
struct Seed: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "seed",
    abstract: "Fill the embedded store with deterministic, realistic demo data.",
    discussion: """
      The data always includes the worked example of the DescribeInvocations page \
      (inv-q4zp60g0). The same --seed and --end-time give the same data.
      """)

  @OptionGroup var storeOptions: StoreOptions

  @Option(help: "How many invocations to create (each has 1 to 20 tasks).")
  var invocations = DemoDataset.defaultInvocationCount

  @Option(help: "The random seed; the same seed gives the same data.")
  var seed = DemoDataset.defaultSeed

  @Option(
    help: ArgumentHelp(
      "The end of the 30-day window the invocations fall in (ISO 8601, UTC unless it has an offset; default: now).",
      valueName: "time"))
  var endTime: String?

  @Flag(help: "Empty a store that already holds data before seeding it.")
  var replace = false

  func validate() throws {
    guard (0...10_000_000).contains(invocations) else {
      throw ValidationError("--invocations must be between 0 and 10000000, got \(invocations).")
    }
    if let endTime, APITimestamp.epochSeconds(from: endTime) == nil {
      throw ValidationError(
        "--end-time must be an ISO 8601 time such as 2026-11-29T00:00:00Z, got '\(endTime)'.")
    }
  }

  func run() async throws {
    let service = try storeOptions.open()
    var dataset = DemoDataset(invocationCount: invocations, seed: seed)
    if let endTime, let seconds = APITimestamp.epochSeconds(from: endTime) { dataset.endTime = seconds }
    let started = Date()
    let summary: EmbeddedTAT.SeedSummary
    do {
      summary = try service.seed(with: dataset, replacing: replace)
    } catch let refusal as EmbeddedTAT.StoreNotEmpty {
      throw RuntimeFailure(refusal.description)
    }
    let elapsed = String(format: "%.1f", Date().timeIntervalSince(started))
    print(
      "seeded \(service.path): \(summary.invocations) invocations (\(invocations) generated and the worked example \(SeedExample.invocationId)), \(summary.tasks) tasks, \(summary.commands) commands, \(summary.agents) agents, \(summary.invokers) invokers with \(summary.invokerRecords) records in \(elapsed)s"
    )
  }

  /// Seeds an empty store with the default dataset and says so once, on
  /// stderr (`serve`, whose stderr is its audit log, says it on stdout).
  static func seedIfEmpty(_ service: EmbeddedTAT, tellingOn channel: FileHandle = .standardError) async throws
  {
    guard try await service.isEmpty() else { return }
    let summary = try service.seed(with: DemoDataset(), replacing: false)
    channel.write(
      Data(
        "tatsh: the store at \(service.path) was empty; seeded it with \(summary.invocations) demo invocations (tatsh seed --replace makes a new set)\n"
          .utf8))
  }
}
