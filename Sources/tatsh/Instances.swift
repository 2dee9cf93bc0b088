import ArgumentParser
import Foundation
import TATEmbedded

/// `tatsh instances`: the local instances of the embedded store, on which
/// `run`, `rerun` and the API's RunCommand and InvokeCommand really run commands.
struct Instances: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "instances",
    abstract: "List the embedded store's local instances, or add some.",
    discussion: """
      A local instance (mi-local001, mi-local002, ...) runs commands with /bin/sh, as the user \
      tatsh runs as, in a folder of its own next to the store. A seeded store has three.
      """)

  @OptionGroup var storeOptions: StoreOptions

  @Option(help: "Add this many local instances first.")
  var add = 0

  func validate() throws {
    guard (0...1_000).contains(add) else {
      throw ValidationError("--add must be from 0 to 1000, got \(add).")
    }
  }

  func run() throws {
    let store = try storeOptions.open()
    if add > 0 { try store.addLocalInstances(add) }
    let instances = try store.localInstances()
    guard !instances.isEmpty else {
      print("no local instances in \(store.path) (tatsh instances --add 3 makes some)")
      return
    }
    let width = instances.map(\.instanceId.count).max() ?? 0
    print(
      "InstanceId".padding(toLength: width, withPad: " ", startingAt: 0)
        + "  Created                    Folder")
    for instance in instances {
      print(
        instance.instanceId.padding(toLength: width, withPad: " ", startingAt: 0) + "  "
          + instance.createdTime
          + "  " + store.folder(of: instance.instanceId).path)
    }
  }
}
