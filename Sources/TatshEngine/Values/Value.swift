/// A value in a record: what JSON can say, with integers kept apart from
/// decimals so that ids and exit codes print as they came.
public enum Value: Sendable, Hashable {
  case null
  case bool(Bool)
  case int(Int)
  case double(Double)
  case string(String)
  case array([Value])
  case object(Record)

  /// The value as a string, if it is one.
  public var stringValue: String? {
    if case .string(let text) = self { return text }
    return nil
  }

  /// The value as a number, if it is one.
  public var numberValue: Double? {
    switch self {
    case .int(let number): Double(number)
    case .double(let number): number
    default: nil
    }
  }

  /// Whether it is an object or a list.
  var isContainer: Bool {
    switch self {
    case .array, .object: true
    default: false
    }
  }

  /// The value as plain text, the way a table cell or `=` sees it.
  public var text: String {
    switch self {
    case .null: ""
    case .bool(let flag): flag ? "true" : "false"
    case .int(let number): String(number)
    case .double(let number):
      number.rounded() == number && abs(number) < 1e15 ? String(Int(number)) : String(number)
    case .string(let text): text
    case .array(let items): "[\(items.count) item\(items.count == 1 ? "" : "s")]"
    case .object(let record): "{\(record.fields.count) field\(record.fields.count == 1 ? "" : "s")}"
    }
  }
}
