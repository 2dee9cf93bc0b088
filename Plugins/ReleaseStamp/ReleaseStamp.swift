import Foundation
import PackagePlugin

/// Stamps the `TatshRelease` module, before every build, with the version in
/// `VERSION` and the git commit being built, so that `tatsh --version`, the
/// banner and the cloud client's User-Agent say exactly which tatsh this is.
@main
struct ReleaseStamp: BuildToolPlugin {
  func createBuildCommands(context: PluginContext, target: any Target) async throws -> [Command] {
    let output = context.pluginWorkDirectoryURL.appending(path: "Stamp")
    return [
      .prebuildCommand(
        displayName: "Stamping \(target.name) with VERSION and the git commit",
        executable: URL(fileURLWithPath: "/bin/sh"),
        arguments: ["-c", Self.script, "stamp", context.package.directoryURL.path, output.path],
        outputFilesDirectory: output)
    ]
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
