#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Where text goes: standard output, standard error, or a buffer in tests.
public protocol TextOutput: AnyObject {
  func write(_ text: String)
  func flush()
}

/// A buffered writer to a file descriptor.
public final class FileDescriptorOutput: TextOutput {
  private let descriptor: Int32
  private var buffer: [UInt8] = []
  private static let capacity = 64 * 1024

  public init(descriptor: Int32) {
    self.descriptor = descriptor
    buffer.reserveCapacity(Self.capacity)
  }

  /// Standard output.
  public static func standardOutput() -> FileDescriptorOutput { FileDescriptorOutput(descriptor: 1) }
  /// Standard error.
  public static func standardError() -> FileDescriptorOutput { FileDescriptorOutput(descriptor: 2) }

  public func write(_ text: String) {
    buffer.append(contentsOf: text.utf8)
    if buffer.count >= Self.capacity { flush() }
  }

  public func flush() {
    var offset = 0
    while offset < buffer.count {
      let written = buffer[offset...].withUnsafeBytes { bytes in
        #if canImport(Glibc)
          Glibc.write(descriptor, bytes.baseAddress, bytes.count)
        #else
          Darwin.write(descriptor, bytes.baseAddress, bytes.count)
        #endif
      }
      if written < 0 {
        if errno == EINTR { continue }
        // The reader has gone (`tatsh … | head`): stop, as SIGPIPE would have.
        if errno == EPIPE { exit(141) }
        break
      }
      offset += written
    }
    buffer.removeAll(keepingCapacity: true)
  }
}

/// Text collected in memory.
public final class TextBuffer: TextOutput {
  public private(set) var text = ""

  public init() {}

  public func write(_ text: String) { self.text += text }
  public func flush() {}
}
