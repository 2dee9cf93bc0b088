import Foundation
import TATGateway

#if canImport(Glibc)
  import Glibc
#endif

/// Where `serve` writes its audit log: one JSON line per request, written
/// whole and at once, so that nothing is lost if the server dies.
public final class AccessLog: Sendable {
  private let descriptor: Int32
  private let ownsDescriptor: Bool
  private let lock = NSLock()

  /// The server's standard error.
  public static let standardError = AccessLog(descriptor: STDERR_FILENO, ownsDescriptor: false)

  private init(descriptor: Int32, ownsDescriptor: Bool) {
    self.descriptor = descriptor
    self.ownsDescriptor = ownsDescriptor
  }

  /// Appends to the file at `path`, made readable by its owner only if new.
  public convenience init(appendingTo path: String) throws {
    let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
    guard descriptor >= 0 else {
      throw Problem(description: "\(path): cannot open for appending (\(String(cString: strerror(errno))))")
    }
    self.init(descriptor: descriptor, ownsDescriptor: true)
  }

  deinit {
    if ownsDescriptor { close(descriptor) }
  }

  /// A log file that could not be opened.
  public struct Problem: Error, CustomStringConvertible {
    public var description: String
  }

  /// Writes `record` as one line.
  public func write(_ record: AccessRecord) {
    let line = record.line
    lock.withLock {
      line.withUnsafeBytes { bytes in
        var offset = 0
        while offset < bytes.count {
          let written = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
          if written > 0 {
            offset += written
          } else if written < 0, errno == EINTR {
            continue
          } else {
            return
          }
        }
      }
    }
  }
}
