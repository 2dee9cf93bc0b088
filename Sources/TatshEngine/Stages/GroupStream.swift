/// `group by F [count] [min|max|avg G]… [percent G VALUE]…`: one record per
/// distinct value of F, in order of first appearance, with the count of its
/// records and the asked-for aggregates of other fields (`percent`: the
/// share of its records whose G is VALUE).
final class GroupStream: RecordStream {
  /// One aggregate of `group by`.
  struct Aggregate: Sendable {
    enum Function: String, Sendable, CaseIterable {
      case min, max, avg, percent
    }

    var function: Function
    var path: String

    /// For `percent`: the value whose share is counted.
    var value: String? = nil

    var name: String { function == .percent ? "percent_\(value ?? "")" : "\(function.rawValue)_\(path)" }
  }

  private let upstream: any RecordStream
  private let key: String
  private let aggregates: [Aggregate]
  private var isDone = false

  init(_ upstream: any RecordStream, key: String, aggregates: [Aggregate]) {
    self.upstream = upstream
    self.key = key
    self.aggregates = aggregates
  }

  private struct Group {
    var key: Value
    var count = 0
    var minimums: [Value?]
    var maximums: [Value?]
    var sums: [Double]
    var counted: [Int]
  }

  func nextPage() async throws -> [Record]? {
    guard !isDone else { return nil }
    isDone = true
    let keyPath = key.split(separator: ".").map(String.init)
    let paths = aggregates.map { $0.path.split(separator: ".").map(String.init) }
    var groups: [Group] = []
    var index: [Value: Int] = [:]
    while let page = try await upstream.nextPage() {
      for record in page {
        let value = record.value(at: keyPath) ?? .null
        let position =
          index[value]
          ?? {
            groups.append(
              Group(
                key: value, minimums: paths.map { _ in nil }, maximums: paths.map { _ in nil },
                sums: paths.map { _ in 0 }, counted: paths.map { _ in 0 }))
            index[value] = groups.count - 1
            return groups.count - 1
          }()
        groups[position].count += 1
        for (slot, path) in paths.enumerated() {
          guard let field = record.value(at: path), field != .null else { continue }
          if groups[position].minimums[slot].map({ SortStream.order(field, $0) < 0 }) ?? true {
            groups[position].minimums[slot] = field
          }
          if groups[position].maximums[slot].map({ SortStream.order(field, $0) > 0 }) ?? true {
            groups[position].maximums[slot] = field
          }
          if let wanted = aggregates[slot].value {
            if field.text == wanted { groups[position].counted[slot] += 1 }
          } else if let number = field.numberValue {
            groups[position].sums[slot] += number
            groups[position].counted[slot] += 1
          }
        }
      }
    }
    let records = groups.map { group in
      var fields = [Record.Field(key, group.key), Record.Field("count", .int(group.count))]
      for (slot, aggregate) in aggregates.enumerated() {
        let value: Value
        switch aggregate.function {
        case .min: value = group.minimums[slot] ?? .null
        case .max: value = group.maximums[slot] ?? .null
        case .avg:
          value = group.counted[slot] == 0 ? .null : .double(group.sums[slot] / Double(group.counted[slot]))
        case .percent:
          value = .double((Double(group.counted[slot] * 1000) / Double(group.count)).rounded() / 10)
        }
        fields.append(Record.Field(aggregate.name, value))
      }
      return Record(fields)
    }
    return records.isEmpty ? nil : records
  }
}
