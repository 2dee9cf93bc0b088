/// "Did you mean": the candidate closest to a misspelt name, if any is close.
public enum Suggestion {
  /// The candidate nearest to `name` by edit distance (a swap of two
  /// neighbouring letters counts once), ignoring case; nil when none is close.
  public static func closest(to name: String, among candidates: some Sequence<String>) -> String? {
    let target = Array(name.lowercased().unicodeScalars)
    let limit = max(1, target.count / 3)
    var best: (String, Int)? = nil
    for candidate in candidates {
      let letters = Array(candidate.lowercased().unicodeScalars)
      // The distance is at least the difference in length.
      guard abs(letters.count - target.count) <= limit else { continue }
      let distance = editDistance(target, letters)
      if distance <= limit, distance < (best?.1 ?? .max) { best = (candidate, distance) }
    }
    return best?.0
  }

  /// The optimal-string-alignment distance between two strings.
  static func editDistance<Letter: Equatable>(_ a: [Letter], _ b: [Letter]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previousPrevious = [Int](repeating: 0, count: b.count + 1)
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
      current[0] = i
      for j in 1...b.count {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
          current[j] = min(current[j], previousPrevious[j - 2] + 1)
        }
      }
      (previousPrevious, previous, current) = (previous, current, previousPrevious)
    }
    return previous[b.count]
  }
}
