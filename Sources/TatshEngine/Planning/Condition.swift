import Foundation
import TATCore
import TatshLanguage

/// A `where` condition with its fields resolved, ready to test records.
indirect enum Condition: Sendable {
  case compare(path: [String], comparator: ComparisonOperator, operand: Operand)
  /// A comparison with the text a base64 field holds (`output ~ …` before `decode`).
  case compareDecoded(path: [String], comparator: ComparisonOperator, operand: Operand)
  case member(path: [String], operands: [Operand], isNegated: Bool)
  case not(Condition)
  case and(Condition, Condition)
  case or(Condition, Condition)

  /// Whether `record` satisfies the condition.
  func matches(_ record: Record) -> Bool {
    switch self {
    case .compare(let path, let comparator, let operand):
      return operand.compare(record.value(at: path), comparator)
    case .compareDecoded(let path, let comparator, let operand):
      var value = record.value(at: path)
      if case .string(let encoded)? = value, let data = Data(base64Encoded: encoded) {
        value = .string(String(decoding: data, as: UTF8.self))
      }
      return operand.compare(value, comparator)
    case .member(let path, let operands, let isNegated):
      let value = record.value(at: path)
      return operands.contains { $0.compare(value, .equal) } != isNegated
    case .not(let inner): return !inner.matches(record)
    case .and(let left, let right): return left.matches(record) && right.matches(record)
    case .or(let left, let right): return left.matches(record) || right.matches(record)
    }
  }

  /// The condition as text, with canonical field names, for `explain`.
  var description: String {
    switch self {
    case .compare(let path, let comparator, let operand):
      "\(path.joined(separator: ".")) \(comparator.rawValue) \(operand.text)"
    case .compareDecoded(let path, let comparator, let operand):
      "\(path.joined(separator: ".")) (base64, decoded to compare) \(comparator.rawValue) \(operand.text)"
    case .member(let path, let operands, let isNegated):
      "\(path.joined(separator: "."))\(isNegated ? " not" : "") in (\(operands.map(\.text).joined(separator: ", ")))"
    case .not(let inner): "not (\(inner.description))"
    case .and(let left, let right): "\(left.description) and \(right.description)"
    case .or(let left, let right): "(\(left.description) or \(right.description))"
    }
  }

  /// The canonical top-level paths the condition reads.
  var paths: [[String]] {
    switch self {
    case .compare(let path, _, _), .compareDecoded(let path, _, _), .member(let path, _, _): [path]
    case .not(let inner): inner.paths
    case .and(let left, let right), .or(let left, let right): left.paths + right.paths
    }
  }
}

/// A value a condition compares with, pre-parsed as a number, a time and a pattern.
struct Operand: Sendable {
  var text: String
  var isNull: Bool
  private var number: Double?
  private var time: Int?
  private var pattern: Pattern?
  private var version: [Int]?

  init(_ literal: Literal, comparator: ComparisonOperator) throws(Diagnostic) {
    text = literal.text
    version = VersionNumber.parts(literal.text)
    isNull = literal.kind == .bare && literal.text == "null"
    number =
      literal.kind == .bare
      ? Double(literal.text) ?? DurationText.seconds(literal.text).map(Double.init) : nil
    time = Self.time(from: literal.text)
    if literal.kind == .bare, literal.text.hasPrefix("-"),
      let ago = DurationText.seconds(String(literal.text.dropFirst()))
    {
      time = Int(Date().timeIntervalSince1970) - ago
    }
    if comparator == .matches || comparator == .doesNotMatch {
      do {
        pattern = try Pattern(literal.text)
      } catch {
        throw Diagnostic("invalid regular expression '\(literal.text)'", at: literal.range)
      }
    }
  }

  /// Whether the operand is a point in time (absolute or relative).
  var isTime: Bool { time != nil }

  func compare(_ value: Value?, _ comparator: ComparisonOperator) -> Bool {
    let value = value ?? .null
    switch comparator {
    case .equal: return equals(value)
    case .notEqual: return !equals(value)
    case .matches: return pattern?.matches(value.text) ?? false
    case .doesNotMatch: return !(pattern?.matches(value.text) ?? false)
    case .less, .lessOrEqual, .greater, .greaterOrEqual:
      guard let order = order(of: value) else { return false }
      switch comparator {
      case .less: return order < 0
      case .lessOrEqual: return order <= 0
      case .greater: return order > 0
      default: return order >= 0
      }
    }
  }

  private func equals(_ value: Value) -> Bool {
    if case .null = value { return isNull }
    if case .bool(let truth) = value { return text.caseInsensitiveEquals(truth ? "true" : "false") }
    if let time, let string = value.stringValue, let other = Self.time(from: string) { return other == time }
    if let number, let other = value.numberValue { return number == other }
    return value.text == text
  }

  /// Negative, zero or positive as `value` is below, at or above the operand.
  private func order(of value: Value) -> Int? {
    if let number, let other = value.numberValue { return other < number ? -1 : other > number ? 1 : 0 }
    if let time, let string = value.stringValue, let other = Self.time(from: string) {
      return other < time ? -1 : other > time ? 1 : 0
    }
    guard case .string(let string) = value else { return nil }
    if let version, let other = VersionNumber.parts(string) { return VersionNumber.order(other, version) }
    return string < text ? -1 : string > text ? 1 : 0
  }

  private static func time(from text: String) -> Int? {
    if let seconds = APITimestamp.epochSeconds(from: text) { return seconds }
    if text.utf8.count == 10 { return APITimestamp.epochSeconds(from: text + "T00:00:00Z") }
    return nil
  }
}

/// A compiled regular expression that can be shared between tasks. A
/// pattern with no special characters (`~ "error"`, by far the most common)
/// is searched for as bytes, which is several times faster than ICU.
final class Pattern: @unchecked Sendable {
  // NSRegularExpression is immutable and documented as safe to use from many threads.
  private let expression: NSRegularExpression?
  private let literal: [UInt8]?

  init(_ pattern: String) throws {
    let special = Set("\\^$.|?*+()[]{}")
    if !pattern.isEmpty, !pattern.contains(where: special.contains) {
      literal = Array(pattern.utf8)
      expression = nil
    } else {
      literal = nil
      expression = try NSRegularExpression(pattern: pattern)
    }
  }

  func matches(_ text: String) -> Bool {
    if let literal { return Self.contains(literal, in: text) }
    guard let expression else { return false }
    return expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
  }

  private static func contains(_ needle: [UInt8], in text: String) -> Bool {
    var text = text
    return text.withUTF8 { haystack in
      needle.withUnsafeBufferPointer { needle in
        guard haystack.count >= needle.count, let first = needle.first, var from = haystack.baseAddress else {
          return false
        }
        // memchr finds each candidate first byte; memcmp checks the rest.
        let last = from + (haystack.count - needle.count)
        while from <= last, let found = memchr(from, Int32(first), last - from + 1) {
          let candidate = found.assumingMemoryBound(to: UInt8.self)
          if memcmp(candidate, needle.baseAddress!, needle.count) == 0 { return true }
          from = UnsafePointer(candidate) + 1
        }
        return false
      }
    }
  }
}
