import Foundation

/// `open FILE` and `from json`: records from a JSON array or from JSON
/// Lines. JSON Lines stream a chunk at a time, so a large file is never
/// held whole; a malformed line fails with the file and line number.
final class JSONFileSource: RecordStream {
  private let handle: FileHandle
  private let name: String
  private var buffer: [UInt8] = []
  /// Where the unread part of `buffer` starts.
  private var start = 0
  private var lineNumber = 0
  private var isAtEnd = false
  private var arrayIsRead = false
  private var isArray: Bool?
  private var keys = JSONReader.KeyCache()
  /// A malformed line met after some records: thrown at the next read.
  private var pendingError: (any Error)?
  private var scratch: [UInt8] = []
  static let pageSize = 1_000
  private static let chunkSize = 1 << 20

  /// Whether each record keeps the text it was read from (`Record.originalJSON`), for a plugin downstream.
  private let keepsText: Bool

  /// Reads from an open file; `name` is how errors refer to it.
  init(handle: FileHandle, name: String, keepsText: Bool = true) {
    self.handle = handle
    self.name = name
    self.keepsText = keepsText
  }

  /// Opens `path`, or fails with a message naming it.
  convenience init(path: String, keepsText: Bool = true) throws {
    guard let handle = FileHandle(forReadingAtPath: path) else {
      throw JSONFileError(message: "cannot open '\(path)'")
    }
    self.init(handle: handle, name: path, keepsText: keepsText)
  }

  deinit { try? handle.close() }

  func nextPage() async throws -> [Record]? {
    try Task.checkCancellation()
    return try readAll()
  }

  /// The next page of records, read synchronously; nil at the end. A page
  /// holds what has arrived (up to 1,000 records): once it has one, no read
  /// waits for more, so that `tail -f log | tatsh -c 'from json | …'` is live.
  /// A malformed line comes out as an error after the records before it.
  func readAll(limit: Int = pageSize) throws -> [Record]? {
    if let pendingError {
      self.pendingError = nil
      throw pendingError
    }
    if isArray == nil { isArray = try startsWithArray() }
    if isArray == true { return try readArray() }
    var page: [Record] = []
    while page.count < limit, let line = try nextLine(waiting: page.isEmpty) {
      if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
      do {
        page.append(try record(from: line))
      } catch {
        guard !page.isEmpty else { throw error }
        pendingError = error
        break
      }
    }
    return page.isEmpty ? nil : page
  }

  /// The kind of the records in `path`, judged by the first record's fields.
  static func kind(ofFileAt path: String) throws -> RecordKind? {
    let source = try JSONFileSource(path: path)
    return try source.firstRecordKind()
  }

  /// The kind of the first record, reading no further than needed (the stream is spent afterwards).
  func firstRecordKind() throws -> RecordKind? {
    if try startsWithArray() {
      isArray = true
      return try readArray()?.first.flatMap(Self.kind(of:))
    }
    while let line = try nextLine() {
      if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
      return Self.kind(of: try record(from: line))
    }
    return nil
  }

  static func kind(of record: Record) -> RecordKind? {
    RecordKind.all.first { $0.recognizes(record) }
  }

  /// The record on the line just read.
  private func record(from bytes: ArraySlice<UInt8>) throws -> Record {
    let value: Value
    do {
      value = try JSONReader.value(from: bytes, keys: &keys)
    } catch {
      throw JSONFileError(message: "\(name):\(lineNumber): malformed JSON: \(error)")
    }
    guard case .object(var record) = value else {
      throw JSONFileError(
        message:
          "\(name):\(lineNumber): expected a JSON object, found \(ValueJSON.compact(value).prefix(40))")
    }
    if keepsText { record.originalJSON = Array(bytes) }
    return record
  }

  private func readArray() throws -> [Record]? {
    guard !arrayIsRead else { return nil }
    arrayIsRead = true
    while try fill() {}
    let value: Value
    do {
      value = try JSONReader.value(from: buffer[start...])
    } catch {
      throw JSONFileError(message: "\(name): malformed JSON: \(error)")
    }
    buffer = []
    guard case .array(let items) = value else {
      throw JSONFileError(message: "\(name): expected a JSON array")
    }
    var records: [Record] = []
    for (index, item) in items.enumerated() {
      guard case .object(let record) = item else {
        throw JSONFileError(message: "\(name): item \(index + 1) of the array is not a JSON object")
      }
      records.append(record)
    }
    return records.isEmpty ? nil : records
  }

  private func startsWithArray() throws -> Bool {
    while true {
      if let first = buffer[start...].first(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }) {
        return first == UInt8(ascii: "[")
      }
      guard try fill() else { return false }
    }
  }

  /// The next line; nil at the end, or, when not `waiting`, when no whole line has arrived yet.
  private func nextLine(waiting: Bool = true) throws -> ArraySlice<UInt8>? {
    var searchFrom = start
    while true {
      if let newline = Self.index(of: 0x0A, in: buffer, from: searchFrom) {
        let line = buffer[start..<newline]
        start = newline + 1
        lineNumber += 1
        return line
      }
      guard waiting else { return nil }
      let scanned = buffer.count - start
      guard try fill() else {
        guard start < buffer.count else { return nil }
        let line = buffer[start...]
        start = buffer.count
        lineNumber += 1
        return line
      }
      searchFrom = start + scanned
    }
  }

  /// Where `byte` next is in `buffer` from `start` on (memchr: much faster than a loop).
  private static func index(of byte: UInt8, in buffer: [UInt8], from start: Int) -> Int? {
    buffer.withUnsafeBufferPointer { bytes in
      guard start < bytes.count, let base = bytes.baseAddress,
        let found = memchr(base + start, Int32(byte), bytes.count - start)
      else { return nil }
      return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }
  }

  /// Appends the next chunk; false at the end of the file. The chunk is
  /// read into the same scratch space each time: a fresh megabyte per
  /// chunk made the allocator tidy its free lists on every one.
  private func fill() throws -> Bool {
    guard !isAtEnd else { return false }
    if scratch.isEmpty { scratch = [UInt8](repeating: 0, count: Self.chunkSize) }
    let descriptor = handle.fileDescriptor
    var count: Int
    repeat {
      count = scratch.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
    } while count < 0 && errno == EINTR
    guard count >= 0 else {
      throw JSONFileError(message: "\(name): cannot read: \(String(cString: strerror(errno)))")
    }
    if count == 0 {
      isAtEnd = true
      return false
    }
    if start > 0 {
      buffer.removeSubrange(..<start)
      start = 0
    }
    buffer.append(contentsOf: scratch[..<count])
    return true
  }
}

/// A file that cannot be read, or whose JSON is malformed.
struct JSONFileError: Error, CustomStringConvertible {
  var message: String
  var description: String { message }
}
