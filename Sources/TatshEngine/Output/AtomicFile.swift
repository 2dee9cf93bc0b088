import Foundation

/// Text written to a file all at once or not at all: it goes to a temporary
/// file beside the target, which replaces the target only when complete.
/// A failure leaves any old file as it was.
final class AtomicFile: TextOutput {
  let path: String
  private let temporaryPath: String
  private let handle: FileHandle
  private var buffer = ""

  init(path: String) throws {
    self.path = path
    let url = URL(fileURLWithPath: path)
    temporaryPath =
      url.deletingLastPathComponent().appendingPathComponent(
        ".\(url.lastPathComponent).tatsh-\(UUID().uuidString)"
      ).path
    guard FileManager.default.createFile(atPath: temporaryPath, contents: nil),
      let handle = FileHandle(forWritingAtPath: temporaryPath)
    else {
      throw JSONFileError(message: "cannot write '\(path)': its folder is missing or not writable")
    }
    self.handle = handle
  }

  func write(_ text: String) {
    buffer += text
    if buffer.utf8.count >= 1 << 16 { flush() }
  }

  func flush() {
    guard !buffer.isEmpty else { return }
    handle.write(Data(buffer.utf8))
    buffer = ""
  }

  /// Puts the finished file in place of the target.
  func commit() throws {
    flush()
    try handle.synchronize()
    try handle.close()
    guard rename(temporaryPath, path) == 0 else {
      let reason = String(cString: strerror(errno))
      discard()
      throw JSONFileError(message: "cannot write '\(path)': \(reason)")
    }
  }

  /// Throws the unfinished file away.
  func discard() {
    try? handle.close()
    try? FileManager.default.removeItem(atPath: temporaryPath)
  }
}
