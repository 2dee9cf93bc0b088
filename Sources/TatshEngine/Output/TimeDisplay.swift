import TATCore

/// Times shown in the time zone a user set, for the formats people read.
enum TimeDisplay {
  /// The record with every API time (`…T…+00:00`) shown at `offset` seconds from UTC.
  static func shifting(_ record: Record, by offset: Int) -> Record {
    Record(record.fields.map { Record.Field($0.name, shifting($0.value, by: offset)) })
  }

  private static func shifting(_ value: Value, by offset: Int) -> Value {
    switch value {
    case .string(let text) where text.utf8.count == 25:
      guard let seconds = APITimestamp.epochSeconds(from: text) else { return value }
      return .string(APITimestamp.string(fromEpochSeconds: seconds, offset: offset))
    case .object(let record): return .object(shifting(record, by: offset))
    case .array(let items): return .array(items.map { shifting($0, by: offset) })
    default: return value
    }
  }
}
