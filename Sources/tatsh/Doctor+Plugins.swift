import Foundation
import TatshEngine

/// The plugins' part of `tatsh doctor`: the folders searched, and each
/// plugin asked afresh to describe itself, as `tatsh plugins check` does.
extension Doctor {
  func pluginFindings(environment: [String: String]) -> [DoctorFinding] {
    let report = PluginReport(environment: environment, scriptFolder: nil, checking: true)
    let existing = report.folders.filter { folder in
      var isFolder: ObjCBool = false
      return FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) && isFolder.boolValue
    }
    let present =
      existing.isEmpty
      ? "none of them exists"
      : existing.count == report.folders.count
        ? (existing.count == 1 ? "it exists" : "all exist")
        : "\(existing.count) of them exist\(existing.count == 1 ? "s" : "")"
    var findings: [DoctorFinding] = [
      .passed(
        "plugins",
        "\(report.entries.isEmpty ? "none" : "\(report.entries.count)") in \(report.folders.joined(separator: ", ")) (\(present))"
      )
    ]
    let named = (environment["TATSH_PLUGIN_PATH"] ?? "").split(separator: ":").map(String.init)
    for folder in named where !existing.contains(folder) && report.folders.contains(folder) {
      findings.append(
        .warning(
          "plugins", "\(folder) (TATSH_PLUGIN_PATH) is not a folder",
          fix: "remove it from TATSH_PLUGIN_PATH, or make it"))
    }
    for entry in report.entries {
      let about = ([entry.path] + entry.notes).joined(separator: "; ")
      if entry.problems.isEmpty {
        findings.append(.passed("plugin \(entry.name)", about))
      } else {
        findings.append(
          .failed(
            "plugin \(entry.name)", "\(entry.path): " + entry.problems.joined(separator: "; "),
            fix: entry.isExecutable
              ? "run \(entry.path) --tatsh-describe to see what it says (the protocol: PLUGINS.md in share/doc/tatsh, or plugins/README.md in the source)"
              : "chmod +x \(entry.path)"))
      }
    }
    return findings
  }
}
