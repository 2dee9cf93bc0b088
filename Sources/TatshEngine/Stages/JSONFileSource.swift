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
  static let pageSize = 1_000
  private static let chunkSize = 1 << 20

  /// Reads from an open file; `name` is how errors refer to it.
  init(handle: FileHandle, name: String) {
    self.handle = handle
    self.name = name
  }

  /// Opens `path`, or fails with a message naming it.
  convenience init(path: String) throws {
    guard let handle = FileHandle(forReadingAtPath: path) else {
      throw JSONFileError(message: "cannot open '\(path)'")
    }
    self.init(handle: handle, name: path)
  }

  deinit { try? handle.close() }

  func nextPage() async throws -> [Record]? {
    try Task.checkCancellation()
    return try readAll()
  }

  /// The next page of records, read synchronously; nil at the end.
  func readAll() throws -> [Record]? {
    if isArray == nil { isArray = try startsWithArray() }
    if isArray == true { return try readArray() }
    var page: [Record] = []
    while page.count < Self.pageSize, let line = try nextLine() {
      if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
      page.append(try record(from: line, at: "\(name):\(lineNumber)"))
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
      return Self.kind(of: try record(from: line, at: "\(name):\(lineNumber)"))
    }
    return nil
  }

  static func kind(of record: Record) -> RecordKind? {
    if record["InvocationTaskId"] != nil, record["TaskStatus"] != nil { return .task }
    if record["InvocationId"] != nil, record["InvocationStatus"] != nil { return .invocation }
    if record["CommandId"] != nil, record["Content"] != nil || record["CreatedBy"] != nil { return .command }
    return nil
  }

  private func record(from bytes: ArraySlice<UInt8>, at place: String) throws -> Record {
    let value: Value
    do {
      value = try JSONReader.value(from: bytes)
    } catch {
      throw JSONFileError(message: "\(place): malformed JSON: \(error)")
    }
    guard case .object(var record) = value else {
      throw JSONFileError(
        message: "\(place): expected a JSON object, found \(JSONWriter.compact(value).prefix(40))")
    }
    record.originalJSON = Array(bytes)
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

  private func nextLine() throws -> ArraySlice<UInt8>? {
    var searchFrom = start
    while true {
      if let newline = buffer[searchFrom...].firstIndex(of: 0x0A) {
        let line = buffer[start..<newline]
        start = newline + 1
        lineNumber += 1
        return line
      }
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

  /// Appends the next chunk; false at the end of the file.
  private func fill() throws -> Bool {
    guard !isAtEnd else { return false }
    let chunk = try handle.read(upToCount: Self.chunkSize) ?? Data()
    if chunk.isEmpty {
      isAtEnd = true
      return false
    }
    if start > 0 {
      buffer.removeSubrange(..<start)
      start = 0
    }
    buffer.append(contentsOf: chunk)
    return true
  }
}

/// A file that cannot be read, or whose JSON is malformed.
struct JSONFileError: Error, CustomStringConvertible {
  var message: String
  var description: String { message }
}
