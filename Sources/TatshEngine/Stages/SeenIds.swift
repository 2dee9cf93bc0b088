/// The ids a listing has handed on, so that a record met twice (the listing
/// moved while it was paged) is handed on once. A million ids of one kind
/// (`invt-` and eight characters) are kept as their last eight bytes: half
/// the memory of a set of strings (about 50 MB for a listing of a million
/// tasks, BENCHMARKS.md).
struct SeenIds {
  /// The bytes before the last eight of the first id, which packed ids share.
  private var prefix: [UInt8]?
  private var packed: Set<UInt64> = []
  private var others: Set<String> = []

  /// Whether `id` is new, remembering it.
  mutating func insert(_ id: String) -> Bool {
    var id = id
    if let key = id.withUTF8({ packedKey(of: $0) }) { return packed.insert(key).inserted }
    return others.insert(id).inserted
  }

  /// The last eight bytes of `utf8` as a number, if the bytes before them are the prefix.
  private mutating func packedKey(of utf8: UnsafeBufferPointer<UInt8>) -> UInt64? {
    guard utf8.count >= 8 else { return nil }
    let head = UnsafeBufferPointer(rebasing: utf8[..<(utf8.count - 8)])
    if prefix == nil { prefix = Array(head) }
    guard head.elementsEqual(prefix!) else { return nil }
    return utf8[(utf8.count - 8)...].reduce(0) { $0 << 8 | UInt64($1) }
  }
}
