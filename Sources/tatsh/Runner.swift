import ArgumentParser
import Foundation
import TATEmbedded

/// `tatsh runner`: runs one invocation's tasks on local instances, in a
/// process of its own that outlives the tatsh that asked for it. Started by
/// tatsh itself; not for people.
struct Runner: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "runner",
    abstract: "Run an invocation's tasks on the local instances (tatsh starts this itself).",
    shouldDisplay: false)

  @OptionGroup var storeOptions: StoreOptions

  @Argument(help: "The invocation to run.")
  var invocationId: String

  func run() async throws {
    let store = try storeOptions.open()
    try await store.runTasks(of: invocationId)
  }
}
