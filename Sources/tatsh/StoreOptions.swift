import ArgumentParser
import Foundation
import TATEmbedded

/// The `--store` option shared by every command that opens the embedded store.
struct StoreOptions: ParsableArguments {
  @Option(
    name: .long, help: ArgumentHelp("The embedded store's SQLite file.", valueName: "path"),
    completion: .file())
  var store: String?

  /// The path chosen by `--store`, `$TATSH_STORE` or the XDG default.
  var path: String {
    StoreLocation.path(explicit: store, environment: ProcessInfo.processInfo.environment)
  }

  /// Opens the store, or fails with a message that names the path.
  func open(readsOnCallingThread: Bool = false) throws -> EmbeddedTAT {
    var isFolder: ObjCBool = false
    if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
      throw RuntimeFailure(
        "the store \(path) is a folder, not a store file: give the file's path (--store PATH)")
    }
    if let obstacle = Self.obstacle(toMaking: path) {
      throw RuntimeFailure("cannot make the store \(path): \(obstacle)")
    }
    do {
      return try EmbeddedTAT(path: path, runner: runner, readsOnCallingThread: readsOnCallingThread)
    } catch let foreign as ForeignDatabase {
      throw RuntimeFailure("cannot open the store: \(foreign)")
    } catch {
      throw RuntimeFailure(
        "cannot open the store at \(path): \(error) (tatsh doctor --store \(path) looks into it)")
    }
  }
}

extension StoreOptions {
  /// Why the store file at `path` could not be made, if it could not: the
  /// nearest folder that exists above it is a file, or not writable.
  static func obstacle(toMaking path: String) -> String? {
    var folder = (path as NSString).deletingLastPathComponent
    if folder.isEmpty { folder = "." }
    var isFolder: ObjCBool = false
    while !FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) {
      let parent = (folder as NSString).deletingLastPathComponent
      if parent == folder || parent.isEmpty { return nil }
      folder = parent
    }
    if !isFolder.boolValue { return "\(folder) is a file, not a folder" }
    if !FileManager.default.isWritableFile(atPath: folder) { return "\(folder) is not writable by you" }
    return nil
  }

  /// Where invocations of this store run: `tatsh-runner` next to this
  /// program, which starts in half the time, else `tatsh runner`.
  var runner: RunnerLaunch {
    let program =
      (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
      ?? CommandLine.arguments[0]
    let sibling = URL(fileURLWithPath: program).deletingLastPathComponent().appendingPathComponent(
      "tatsh-runner")
    if FileManager.default.isExecutableFile(atPath: sibling.path) {
      return .process(executable: sibling.path, arguments: [path])
    }
    return .process(executable: program, arguments: ["runner", "--store", path])
  }
}

/// An error that ends the program with a message and exit status 1.
struct RuntimeFailure: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}
