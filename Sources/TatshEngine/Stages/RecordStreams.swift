import Foundation

/// The `where` stage: keeps the records that satisfy a condition.
final class FilterStream: RecordStream {
  private let upstream: any RecordStream
  private let condition: Condition

  init(_ upstream: any RecordStream, condition: Condition) {
    self.upstream = upstream
    self.condition = condition
  }

  func nextPage() async throws -> [Record]? {
    while let page = try await upstream.nextPage() {
      let kept = page.filter(condition.matches)
      if !kept.isEmpty { return kept }
    }
    return nil
  }
}

/// A stage that changes each record on its own (`decode`, `select`).
final class MapStream: RecordStream {
  private let upstream: any RecordStream
  private let change: (inout Record) -> Void

  init(_ upstream: any RecordStream, transform: @escaping (Record) -> Record) {
    self.upstream = upstream
    change = { $0 = transform($0) }
  }

  /// Changes each record where it is in its page, without copying its fields.
  init(_ upstream: any RecordStream, changing change: @escaping (inout Record) -> Void) {
    self.upstream = upstream
    self.change = change
  }

  func nextPage() async throws -> [Record]? {
    guard var page = try await upstream.nextPage() else { return nil }
    for index in page.indices { change(&page[index]) }
    return page
  }
}

/// The `first N` stage: passes N records on, then stops asking for more.
final class FirstStream: RecordStream {
  private let upstream: any RecordStream
  private var remaining: Int

  init(_ upstream: any RecordStream, count: Int) {
    self.upstream = upstream
    remaining = count
  }

  func nextPage() async throws -> [Record]? {
    guard remaining > 0, let page = try await upstream.nextPage() else { return nil }
    let kept = Array(page.prefix(remaining))
    remaining -= kept.count
    return kept
  }
}

/// The `count` stage: one record, `{"count": N}`.
final class CountStream: RecordStream {
  private let upstream: any RecordStream
  private var isDone = false

  init(_ upstream: any RecordStream) {
    self.upstream = upstream
  }

  func nextPage() async throws -> [Record]? {
    guard !isDone else { return nil }
    isDone = true
    var count = 0
    while let page = try await upstream.nextPage() { count += page.count }
    return [Record([Record.Field("count", .int(count))])]
  }
}

/// What `decode` and `select` do to one record.
enum RecordTransforms {
  /// Replaces base64 text at `paths` with the text it encodes; invalid
  /// UTF-8 becomes replacement characters, and what is not base64 stays as it is.
  static func decode(_ record: Record, paths: [[String]]) -> Record {
    var record = record
    decode(&record, paths: paths)
    return record
  }

  /// `decode(_:paths:)` in place.
  static func decode(_ record: inout Record, paths: [[String]]) {
    for path in paths {
      record.update(at: path) { value in
        guard case .string(let encoded) = value, let data = Data(base64Encoded: encoded) else { return value }
        return .string(String(decoding: data, as: UTF8.self))
      }
    }
  }

  /// The record without the top-level fields `names` (any case).
  static func reject(_ record: Record, names: [String]) -> Record {
    Record(record.fields.filter { field in !names.contains { $0.caseInsensitiveEquals(field.name) } })
  }

  /// A record of one field, `value`, holding the value at `path`.
  static func get(_ record: Record, path: String) -> Record {
    Record([Record.Field("value", record.value(at: path.split(separator: ".").map(String.init)) ?? .null)])
  }

  /// A record of just `paths`, named by the path as written canonically; missing ones are null.
  static func select(_ record: Record, paths: [String]) -> Record {
    Record(
      paths.map { path in
        Record.Field(path, record.value(at: path.split(separator: ".").map(String.init)) ?? .null)
      })
  }
}
