import Foundation

/// What a plugin says about itself when asked `tatsh-NAME --tatsh-describe`.
public struct PluginDescription: Codable, Sendable, Hashable {
  public var name: String
  public var summary: String
  public var usage: String?
  public var examples: [String]?
  var emits: ExternalCommand.Emits
  /// For `"emits": "records"`: `"same"` (the kind it reads, passed through),
  /// or `"invocations"`, `"tasks"`, `"commands"`; absent when it does not say.
  var kind: String?
  /// For `"emits": "records"`: the top-level fields of what it writes.
  var fields: [String]?
  /// The version of this protocol it speaks: 1; absent for the first plugins, which declared no arguments.
  var `protocol`: Int?
  /// Its positional arguments and flags, checked before it runs.
  var arguments: [PluginSignature.Argument]?
  var flags: [PluginSignature.Flag]?
  /// The kinds of records it takes (`invocations`, `tasks`, `commands`); absent: any.
  var accepts: [String]?

  /// The protocol this tatsh speaks.
  static let protocolVersion = 1

  /// Problems with the describe beyond its JSON: an unknown kind, protocol, type or input kind.
  func problems() -> [String] {
    var problems: [String] = []
    do { _ = try emittedKind() } catch { problems.append(error.message) }
    if let version = self.protocol, version > Self.protocolVersion {
      problems.append("it speaks protocol \(version), and this tatsh speaks \(Self.protocolVersion)")
    }
    problems += PluginSignature.problems(arguments: arguments ?? [], flags: flags ?? [])
    let kinds = [RecordKind.invocation, .task, .command].map(\.plural)
    for kind in accepts ?? [] where !kinds.contains(kind) {
      problems.append("it accepts '\(kind)', which is not one of \(kinds.joined(separator: ", "))")
    }
    return problems
  }

  /// What `kind` says the records are.
  enum EmittedKind: Sendable, Hashable {
    case same
    case kind(RecordKind)
  }

  /// The kinds `kind` may name.
  static let kindNames = ["same"] + [RecordKind.invocation, .task, .command].map(\.plural)

  /// `kind` read, or nil when absent; throws the problem with it otherwise.
  func emittedKind() throws(ExternalFailure) -> EmittedKind? {
    guard let kind else { return nil }
    if kind == "same" { return .same }
    guard let named = [RecordKind.invocation, .task, .command].first(where: { $0.plural == kind }) else {
      throw ExternalFailure(
        message:
          "its describe names the kind '\(kind)', which is not one of \(Self.kindNames.joined(separator: ", "))"
      )
    }
    return .kind(named)
  }
}

/// The plugins tatsh can find: executables named `tatsh-NAME` in the
/// `plugins/` folder beside the running script, in `$TATSH_PLUGIN_PATH`,
/// and in `$XDG_CONFIG_HOME/tatsh/plugins`, the first of a name winning.
/// A plugin's description is asked once and cached by path and
/// modification time, so that start-up stays fast.
final class PluginCatalog: @unchecked Sendable {
  // `descriptions` is guarded by `lock`.
  private let lock = NSLock()
  private let environment: [String: String]
  private let cachePath: String
  private var descriptions: [String: CachedDescription]

  static let prefix = "tatsh-"
  private static let handshakeTimeout: TimeInterval = 5

  struct CachedDescription: Codable {
    var modified: Double
    var description: PluginDescription?
    var problem: String?
  }

  init(environment: [String: String]) {
    self.environment = environment
    let cacheHome =
      environment["XDG_CACHE_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil }
      ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.cache"
    cachePath = cacheHome + "/tatsh/plugins.json"
    descriptions =
      (FileManager.default.contents(atPath: cachePath)).flatMap {
        try? JSONDecoder().decode([String: CachedDescription].self, from: $0)
      } ?? [:]
  }

  /// The folders searched, in order, for a script in `scriptFolder` (nil in the REPL and `-c`).
  func folders(scriptFolder: String?) -> [String] {
    var folders: [String] = []
    if let scriptFolder { folders.append(scriptFolder + "/plugins") }
    folders += (environment["TATSH_PLUGIN_PATH"] ?? "").split(separator: ":").map(String.init)
    let configHome =
      environment["XDG_CONFIG_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil }
      ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.config"
    folders.append(configHome + "/tatsh/plugins")
    return folders
  }

  /// tatsh's own programs, which share the prefix and are no plugins.
  static let ownPrograms: Set<String> = ["runner"]

  /// A file named `tatsh-NAME` in one of the folders.
  struct Entry {
    var name: String
    var path: String
    var folder: String
    var isExecutable: Bool
    /// The path of the copy that wins its name, when this one is shadowed by it.
    var shadowedBy: String?
    var isOwnProgram: Bool { PluginCatalog.ownPrograms.contains(name) }
  }

  /// Every `tatsh-NAME` file in the folders, in the order they are searched.
  func entries(scriptFolder: String?) -> [Entry] {
    var entries: [Entry] = []
    var winners: [String: String] = [:]
    for folder in folders(scriptFolder: scriptFolder) {
      let files = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
      for file in files where file.hasPrefix(Self.prefix) && file.count > Self.prefix.count {
        let name = String(file.dropFirst(Self.prefix.count))
        let path = folder + "/" + file
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue else {
          continue
        }
        let isExecutable = FileManager.default.isExecutableFile(atPath: path)
        let shadowedBy = winners[name]
        if shadowedBy == nil, isExecutable, !Self.ownPrograms.contains(name) { winners[name] = path }
        entries.append(
          Entry(name: name, path: path, folder: folder, isExecutable: isExecutable, shadowedBy: shadowedBy))
      }
    }
    return entries
  }

  /// Every plugin found, by name, with its path: the first executable of a name wins.
  func paths(scriptFolder: String?) -> [String: String] {
    var found: [String: String] = [:]
    for entry in entries(scriptFolder: scriptFolder)
    where entry.isExecutable && !entry.isOwnProgram && entry.shadowedBy == nil {
      found[entry.name] = entry.path
    }
    return found
  }

  /// The plugin at `path` described, or why it could not be.
  func describe(path: String) -> Result<PluginDescription, ExternalFailure> {
    let modified =
      ((try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date)?
      .timeIntervalSince1970 ?? 0
    if let cached = lock.withLock({ descriptions[path] }), cached.modified == modified {
      if let description = cached.description { return .success(description) }
      return .failure(ExternalFailure(message: cached.problem ?? "broken"))
    }
    let result = handshake(path: path)
    lock.withLock {
      switch result {
      case .success(let description):
        descriptions[path] = CachedDescription(modified: modified, description: description, problem: nil)
      case .failure(let problem):
        descriptions[path] = CachedDescription(modified: modified, description: nil, problem: problem.message)
      }
      saveCache()
    }
    return result
  }

  /// The plugin at `path` asked afresh, without the cache (`tatsh plugins check`).
  func describeAfresh(path: String) -> Result<PluginDescription, ExternalFailure> {
    handshake(path: path)
  }

  private func handshake(path: String) -> Result<PluginDescription, ExternalFailure> {
    let name = URL(fileURLWithPath: path).lastPathComponent
    let child: ChildProcess
    do {
      child = try ChildProcess(executable: path, arguments: ["--tatsh-describe"], environment: environment)
    } catch {
      return .failure(ExternalFailure(message: "\(name) cannot be started: \(error)"))
    }
    child.closeInput()
    var output: [UInt8] = []
    let deadline = Date().addingTimeInterval(Self.handshakeTimeout)
    var ended = false
    while Date() < deadline {
      var chunk = [UInt8](repeating: 0, count: 4_096)
      let count = chunk.withUnsafeMutableBytes { read(child.output, $0.baseAddress, $0.count) }
      if count > 0 {
        output += chunk[0..<count]
      } else if count == 0 {
        ended = true
        break
      } else {
        usleep(5_000)
      }
    }
    child.terminate()
    let status = child.waitForExit()
    guard ended else {
      return .failure(
        ExternalFailure(message: "\(name) --tatsh-describe timed out after \(Int(Self.handshakeTimeout)) s"))
    }
    guard status == 0 else {
      return .failure(ExternalFailure(message: "\(name) --tatsh-describe exited with status \(status)"))
    }
    if let object = try? JSONSerialization.jsonObject(with: Data(output)) as? [String: Any] {
      let missing = ["name", "summary", "emits"].filter { !(object[$0] is String) }
      if !missing.isEmpty {
        return .failure(
          ExternalFailure(
            message: "\(name) --tatsh-describe gave no \(missing.joined(separator: ", ")) (a string each)"))
      }
      if let emits = object["emits"] as? String, ExternalCommand.Emits(rawValue: emits) == nil {
        return .failure(
          ExternalFailure(message: "\(name) --tatsh-describe: emits is '\(emits)', not records or text"))
      }
    }
    guard let description = try? JSONDecoder().decode(PluginDescription.self, from: Data(output)) else {
      let printed = String(decoding: output.prefix(60), as: UTF8.self).trimmingCharacters(
        in: .whitespacesAndNewlines)
      return .failure(
        ExternalFailure(
          message:
            "\(name) --tatsh-describe printed \(printed.isEmpty ? "nothing" : "'\(printed)'"), not a JSON object with name, summary and emits"
        ))
    }
    let problems = description.problems()
    if !problems.isEmpty {
      return .failure(
        ExternalFailure(message: "\(name) --tatsh-describe: \(problems.joined(separator: "; "))"))
    }
    return .success(description)
  }

  private func saveCache() {
    guard let data = try? JSONEncoder().encode(descriptions) else { return }
    let url = URL(fileURLWithPath: cachePath)
    try? FileManager.default.createDirectory(
      at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try? data.write(to: url, options: .atomic)
  }
}
