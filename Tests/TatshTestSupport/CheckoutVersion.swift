import Foundation

/// The version a build of this checkout must report: `VERSION`'s, and the commit checked out.
public enum CheckoutVersion {
  /// The contents of `VERSION`.
  public static var version: String {
    ((try? String(contentsOf: OfficialClients.root.appendingPathComponent("VERSION"), encoding: .utf8)) ?? "")
      .trimmingCharacters(in: .whitespacesAndNewlines)
  }

  /// The start of `tatsh --version`'s line: `tatsh VERSION (commit HEAD`, the commit as git
  /// abbreviates it to 12 digits (a build with uncommitted changes adds `-dirty`).
  public static func lineStart() throws -> String {
    let git = Process()
    git.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    git.arguments = ["git", "-C", OfficialClients.root.path, "rev-parse", "--short=12", "HEAD"]
    let pipe = Pipe()
    git.standardOutput = pipe
    try git.run()
    let commit = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      .trimmingCharacters(in: .whitespacesAndNewlines)
    git.waitUntilExit()
    return "tatsh \(version) (commit \(commit)"
  }
}
