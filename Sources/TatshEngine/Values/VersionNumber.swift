/// Dotted version numbers such as an agent's `1.1.10`: text that orders part
/// by part as numbers, so that 1.1.10 comes after 1.1.8 in `where` and `sort`.
enum VersionNumber {
  /// The numbers of `text` when it is three or more dot-separated runs of
  /// digits; a two-part `1.10` is a number, and orders as one.
  static func parts(_ text: String) -> [Int]? {
    let pieces = text.split(separator: ".", omittingEmptySubsequences: false)
    guard pieces.count >= 3 else { return nil }
    var parts: [Int] = []
    for piece in pieces {
      guard !piece.isEmpty, piece.count <= 9, piece.allSatisfy(\.isASCII), let number = Int(piece) else {
        return nil
      }
      parts.append(number)
    }
    return parts
  }

  /// Negative, zero or positive as `left` is below, at or above `right`;
  /// missing parts count as zero (`1.2` is `1.2.0`).
  static func order(_ left: [Int], _ right: [Int]) -> Int {
    for index in 0..<max(left.count, right.count) {
      let a = index < left.count ? left[index] : 0
      let b = index < right.count ? right[index] : 0
      if a != b { return a < b ? -1 : 1 }
    }
    return 0
  }
}
