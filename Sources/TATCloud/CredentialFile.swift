import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Files that hold secret keys, in the official CLI's JSON format
/// (`{"secretId": …, "secretKey": …}`), checked as ssh checks its private
/// keys: no other user should be able to read them.
public enum CredentialFile {
  /// Why the file at `path` is exposed, when another user of this machine
  /// can really read it: it is readable by its group or by everyone, and
  /// every folder above it lets them through (tccli's 0644 files inside its
  /// 0700 folder are private). Nil when it is private or cannot be examined.
  /// Names the file and its mode, never what it holds.
  public static func exposure(of path: String) -> String? {
    guard let real = realpath(path, nil) else { return nil }
    defer { free(real) }
    let file = String(cString: real)
    var status = stat()
    guard stat(file, &status) == 0 else { return nil }
    let mode = status.st_mode & 0o777
    let readers = [
      mode & 0o004 != 0 && folders(above: file, letThrough: { $0.st_mode & 0o001 != 0 }) ? "every user" : nil,
      mode & 0o040 != 0
        && folders(
          above: file,
          letThrough: { $0.st_mode & 0o001 != 0 || ($0.st_gid == status.st_gid && $0.st_mode & 0o010 != 0) })
        ? "its group" : nil,
    ].compactMap { $0 }
    guard let who = readers.first else { return nil }
    return
      "\(path) is readable by other users (mode \(String(mode, radix: 8)), and the folders above it let \(who) through)"
  }

  /// What the client says of a file it uses that others can read, with the fix; nil when private.
  public static func warning(for path: String) -> String? {
    exposure(of: path).map { "\($0): run \(remedy(for: path))" }
  }

  /// The command that makes `path` private.
  public static func remedy(for path: String) -> String {
    "chmod 600 \(path)"
  }

  /// Whether every folder above `file` (an absolute, resolved path) lets a user through.
  private static func folders(above file: String, letThrough: (stat) -> Bool) -> Bool {
    var folder = (file as NSString).deletingLastPathComponent
    while true {
      var status = stat()
      guard stat(folder, &status) == 0, letThrough(status) else { return false }
      if folder == "/" { return true }
      folder = (folder as NSString).deletingLastPathComponent
    }
  }

  /// The credentials in the file at `path`, made first if there is none:
  /// a SecretId like Tencent's (`AKID` and 32 letters and digits) and a
  /// key of 32 bytes from the system's secure generator, written 0600 in a
  /// folder that is made 0700. Whether they were made now is returned too.
  public static func credentials(creatingIfAbsent path: String) throws -> (Credentials, created: Bool) {
    if FileManager.default.fileExists(atPath: path) {
      return (try CloudSettings.credentials(inFile: path), false)
    }
    let folder = (path as NSString).deletingLastPathComponent
    try FileManager.default.createDirectory(
      atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    var generator = SystemRandomNumberGenerator()
    let letters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".utf8)
    let secretId =
      "AKID"
      + String(decoding: (0..<32).map { _ in letters.randomElement(using: &generator)! }, as: UTF8.self)
    let key = (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }
      .joined()
    let text = "{\n  \"secretId\": \"\(secretId)\",\n  \"secretKey\": \"\(key)\"\n}\n"
    let created = try writePrivately(Data(text.utf8), to: path)
    return (try CloudSettings.credentials(inFile: path), created)
  }

  /// Writes `data` to a new file at `path` with mode 0600, whole or not at
  /// all; an existing file (another server that started at the same moment)
  /// wins, and false is returned.
  private static func writePrivately(_ data: Data, to path: String) throws -> Bool {
    let temporary = path + ".\(getpid()).tmp"
    let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
    guard descriptor >= 0 else { throw Problem(path: temporary, errno: errno) }
    defer { unlink(temporary) }
    let written = data.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
    let synced = fsync(descriptor) == 0
    close(descriptor)
    guard written == data.count, synced else { throw Problem(path: temporary, errno: errno) }
    // link(2) does not replace: if another process made the file first, that one is kept.
    guard link(temporary, path) == 0 else {
      if errno == EEXIST { return false }
      throw Problem(path: path, errno: errno)
    }
    return true
  }

  /// A credentials file that could not be written.
  public struct Problem: Error, CustomStringConvertible {
    public var description: String

    init(path: String, errno: Int32) {
      description = "\(path): cannot write (\(String(cString: strerror(errno))))"
    }
  }
}
