/// Which tatsh this is: the version in `VERSION` and the git commit it was
/// built from (`version` and `commit` are stamped at build time by the
/// ReleaseStamp plugin).
public enum TatshRelease {
  /// The version and commit as a person reads them: `tatsh 0.1.0 (commit 041180c2a9b1)`.
  public static var description: String { "tatsh \(version) (commit \(commit))" }

  /// What tatsh's cloud client sends as its `User-Agent`.
  public static var userAgent: String { "tatsh/\(version)" }
}
