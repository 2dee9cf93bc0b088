import Foundation

extension Session {
  /// Tab completion for the text before the cursor: how many characters of
  /// it the candidates replace, and the candidates.
  public func completions(for textBeforeCursor: String) -> (replacing: Int, candidates: [String]) {
    let environment = planningEnvironment(origin: nil)
    let context = CompletionContext(
      environment: environment, plugins: environment.pluginNames,
      pluginFlags: { name in
        guard let catalog = environment.plugins, let path = catalog.paths(scriptFolder: nil)[name],
          case .success(let description) = catalog.describe(path: path)
        else { return [] }
        return description.flags?.map(\.name) ?? []
      }, recentIds: recentIds.mapValues(\.ids),
      files: Self.files(matching:))
    return Completer(context: context).complete(textBeforeCursor)
  }

  /// Keeps the ids of a printed record for completion.
  func rememberIds(in record: Record) {
    for kind in RecordKind.all {
      guard let id = record[kind.idField]?.stringValue else { continue }
      recentIds[kind, default: RecentIds()].remember(id)
    }
  }

  /// Paths that start with `prefix`; folders end in `/`.
  static func files(matching prefix: String) -> [String] {
    let expanded = prefix.hasPrefix("~/") ? NSHomeDirectory() + prefix.dropFirst() : prefix
    let folder = expanded.contains("/") ? String(expanded[...expanded.lastIndex(of: "/")!]) : ""
    let shown = prefix.contains("/") ? String(prefix[...prefix.lastIndex(of: "/")!]) : ""
    let listed = (try? FileManager.default.contentsOfDirectory(atPath: folder.isEmpty ? "." : folder)) ?? []
    let typedName = expanded.dropFirst(folder.count)
    return listed.filter { !$0.hasPrefix(".") || typedName.hasPrefix(".") }.map { name in
      var isFolder: ObjCBool = false
      _ = FileManager.default.fileExists(atPath: folder + name, isDirectory: &isFolder)
      return shown + name + (isFolder.boolValue ? "/" : "")
    }
  }
}
