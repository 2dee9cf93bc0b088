/// The ids of one kind seen lately in printed results, each once, for
/// completion. Remembering an id costs the same however many are kept, so
/// printing a million records is not slowed by it.
struct RecentIds {
  static let limit = 500
  /// Each id and when it was last seen.
  private var lastSeen: [String: Int] = [:]
  private var clock = 0

  /// Notes `id` as the newest.
  mutating func remember(_ id: String) {
    clock += 1
    lastSeen[id] = clock
    guard lastSeen.count > 2 * Self.limit else { return }
    let kept = lastSeen.sorted { $0.value > $1.value }.prefix(Self.limit)
    lastSeen = Dictionary(uniqueKeysWithValues: kept.map { ($0.key, $0.value) })
  }

  /// The newest `limit` ids, oldest first.
  var ids: [String] {
    lastSeen.sorted { $0.value < $1.value }.suffix(Self.limit).map(\.key)
  }
}
