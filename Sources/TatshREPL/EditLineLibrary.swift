import CEditLine
import Foundation

/// The libedit that the interactive shell edits lines with, as `tatsh
/// doctor` reports it: the version of the interface it was built against
/// and the library file this process loaded.
public enum EditLineLibrary {
  /// The interface version `histedit.h` declares (`LIBEDIT_MAJOR.LIBEDIT_MINOR`),
  /// which is not the package's version: libedit 3.1 declares 2.11.
  public static var interfaceVersion: String { "\(LIBEDIT_MAJOR).\(LIBEDIT_MINOR)" }

  /// The libedit file this process has loaded, read from `/proc/self/maps`;
  /// nil where there is no such file (not Linux, or linked statically).
  public static var loadedFile: String? {
    // Read to the end: /proc reports a size of 0, and reading only that much gets the first page.
    guard let data = FileHandle(forReadingAtPath: "/proc/self/maps")?.readDataToEndOfFile() else {
      return nil
    }
    let maps = String(decoding: data, as: UTF8.self)
    for line in maps.split(separator: "\n") {
      guard let slash = line.firstIndex(of: "/") else { continue }
      let path = String(line[slash...])
      if (path as NSString).lastPathComponent.hasPrefix("libedit.") { return path }
    }
    return nil
  }
}
