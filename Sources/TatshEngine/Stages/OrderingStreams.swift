/// `sort by`: collects every record, then hands them on in order (stable;
/// numbers as numbers, times and text as text, missing values last).
final class SortStream: RecordStream {
  private let upstream: any RecordStream
  private let keys: [SortStep.Key]
  private var isDone = false

  init(_ upstream: any RecordStream, keys: [SortStep.Key]) {
    self.upstream = upstream
    self.keys = keys
  }

  func nextPage() async throws -> [Record]? {
    guard !isDone else { return nil }
    isDone = true
    var records: [Record] = []
    while let page = try await upstream.nextPage() { records += page }
    let paths = keys.map { $0.path.split(separator: ".").map(String.init) }
    let sorted = records.enumerated().sorted { left, right in
      for (key, path) in zip(keys, paths) {
        let (a, b) = (left.element.value(at: path) ?? .null, right.element.value(at: path) ?? .null)
        if (a == .null) != (b == .null) { return b == .null }
        let order = Self.order(a, b)
        if order != 0 { return key.isDescending ? order > 0 : order < 0 }
      }
      return left.offset < right.offset
    }
    return sorted.isEmpty ? nil : sorted.map(\.element)
  }

  /// Negative, zero or positive; missing and null values sort after all others.
  static func order(_ left: Value?, _ right: Value?) -> Int {
    switch (left ?? .null, right ?? .null) {
    case (.null, .null): return 0
    case (.null, _): return 1
    case (_, .null): return -1
    case (let a, let b):
      if let x = a.numberValue, let y = b.numberValue { return x < y ? -1 : x > y ? 1 : 0 }
      if let x = a.stringValue.flatMap(VersionNumber.parts),
        let y = b.stringValue.flatMap(VersionNumber.parts)
      {
        return VersionNumber.order(x, y)
      }
      return a.text < b.text ? -1 : a.text > b.text ? 1 : 0
    }
  }
}

/// `skip N`: drops the first N records.
final class SkipStream: RecordStream {
  private let upstream: any RecordStream
  private var remaining: Int

  init(_ upstream: any RecordStream, count: Int) {
    self.upstream = upstream
    remaining = count
  }

  func nextPage() async throws -> [Record]? {
    while let page = try await upstream.nextPage() {
      let kept = page.dropFirst(remaining)
      remaining = max(0, remaining - page.count)
      if !kept.isEmpty { return Array(kept) }
    }
    return nil
  }
}

/// `last N`: the final N records, keeping no more than N in memory.
final class LastStream: RecordStream {
  private let upstream: any RecordStream
  private let count: Int
  private var isDone = false

  init(_ upstream: any RecordStream, count: Int) {
    self.upstream = upstream
    self.count = count
  }

  func nextPage() async throws -> [Record]? {
    guard !isDone else { return nil }
    isDone = true
    var kept: [Record] = []
    while let page = try await upstream.nextPage() {
      kept += page
      if kept.count > count { kept.removeFirst(kept.count - count) }
    }
    return kept.isEmpty ? nil : kept
  }
}

/// `uniq F`: the first record of each distinct value of F.
final class UniqueStream: RecordStream {
  private let upstream: any RecordStream
  private let path: [String]
  private var seen: Set<Value> = []

  init(_ upstream: any RecordStream, path: String) {
    self.upstream = upstream
    self.path = path.split(separator: ".").map(String.init)
  }

  func nextPage() async throws -> [Record]? {
    while let page = try await upstream.nextPage() {
      let kept = page.filter { seen.insert($0.value(at: path) ?? .null).inserted }
      if !kept.isEmpty { return kept }
    }
    return nil
  }
}
