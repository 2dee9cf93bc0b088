import Foundation
import PackagePlugin

/// Stamps the `TatshRelease` module, before every build, with the version in
/// `VERSION` and the git commit being built, so that `tatsh --version`, the
/// banner and the cloud client's User-Agent say exactly which tatsh this is.
@main
struct ReleaseStamp: BuildToolPlugin {
  func createBuildCommands(context: PluginContext, target: any Target) async throws -> [Command] {
    let root = context.package.directoryURL
    let folder = context.pluginWorkDirectoryURL.appending(path: "Stamp")
    // A build command, not a prebuild one: SwiftPM runs prebuild commands only when it plans the
    // build again. This one runs again when VERSION, the commit (git's HEAD, index and HEAD's log)
    // or a source file changes.
    let sources = context.package.targets.compactMap { $0 as? SourceModuleTarget }
      .flatMap { $0.sourceFiles.map(\.url) }
    return [
      .buildCommand(
        displayName: "Stamping \(target.name) with VERSION and the git commit",
        executable: URL(fileURLWithPath: "/bin/sh"),
        arguments: ["-c", Self.script, "stamp", root.path, folder.path],
        inputFiles: [root.appending(path: "VERSION")] + Self.gitFiles(in: root) + sources,
        outputFiles: [folder.appending(path: "TatshRelease+Stamp.swift")])
    ]
  }

  /// The files git changes when the commit checked out changes, or what is staged.
  private static func gitFiles(in root: URL) -> [URL] {
    let dotGit = root.appending(path: ".git")
    var folder = dotGit
    // A worktree's .git is a file that names its folder.
    if let link = try? String(contentsOf: dotGit, encoding: .utf8), link.hasPrefix("gitdir: ") {
      let path = link.dropFirst("gitdir: ".count).trimmingCharacters(in: .whitespacesAndNewlines)
      folder = path.hasPrefix("/") ? URL(fileURLWithPath: path) : root.appending(path: path)
    }
    return ["HEAD", "index", "logs/HEAD"].map { folder.appending(path: $0) }
      .filter { FileManager.default.fileExists(atPath: $0.path) }
  }

  /// Writes the stamp only when it changes, so that an unchanged tree builds nothing again.
  /// Outside a git checkout (a source archive) the commit is "unknown"; with uncommitted
  /// changes to tracked files it ends in "-dirty".
  private static let script = #"""
    set -eu
    root="$1" folder="$2"
    version="$(tr -d ' \t\r\n' < "$root/VERSION")"
    commit="$(git -C "$root" rev-parse --short=12 HEAD 2>/dev/null || echo unknown)"
    if [ "$commit" != unknown ] && [ -n "$(git -C "$root" status --porcelain --untracked-files=no 2>/dev/null)" ]; then
      commit="$commit-dirty"
    fi
    mkdir -p "$folder"
    stamp="$folder/TatshRelease+Stamp.swift"
    printf '// Made by the ReleaseStamp plugin from VERSION and git.\nextension TatshRelease {\n  public static let version = "%s"\n  public static let commit = "%s"\n}\n' \
      "$version" "$commit" > "$stamp.new"
    if cmp -s "$stamp.new" "$stamp"; then rm "$stamp.new"; else mv "$stamp.new" "$stamp"; fi
    """#
}
