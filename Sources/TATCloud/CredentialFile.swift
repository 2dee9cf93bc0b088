#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Files that hold secret keys, checked as ssh checks its private keys:
/// only their owner should be able to read or change them.
public enum CredentialFile {
  /// A warning when the file at `path` can be read or changed by its group
  /// or by others; nil when it is private or cannot be examined. Names the
  /// file and its mode, never what it holds.
  public static func exposureWarning(for path: String) -> String? {
    var status = stat()
    guard stat(path, &status) == 0 else { return nil }
    let permissions = status.st_mode & 0o777
    guard permissions & 0o077 != 0 else { return nil }
    let who = permissions & 0o007 != 0 ? "every user of this machine" : "its group"
    return
      "\(path) holds a secret key and can be read or changed by \(who) (mode \(String(permissions, radix: 8))): run chmod 600 \(path)"
  }
}
