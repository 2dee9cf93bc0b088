import Foundation

/// A cheap bound on how many values a JSON text holds, taken before it is
/// parsed: parsing builds an object per value, so a 4 MB body of 100,000
/// tiny filters would cost hundreds of megabytes to refuse.
enum JSONValueCount {
  /// Whether `body` holds more than `limit` arrays, objects and elements
  /// (counted as `[`, `{` and `,` outside strings).
  static func exceeds(_ limit: Int, in body: Data) -> Bool {
    var count = 0
    var inString = false
    var escaped = false
    for byte in body {
      if inString {
        if escaped {
          escaped = false
        } else if byte == UInt8(ascii: "\\") {
          escaped = true
        } else if byte == UInt8(ascii: "\"") {
          inString = false
        }
        continue
      }
      switch byte {
      case UInt8(ascii: "\""): inString = true
      case UInt8(ascii: "["), UInt8(ascii: "{"), UInt8(ascii: ","):
        count += 1
        if count > limit { return true }
      default: break
      }
    }
    return false
  }
}
