/// Resource ids for demo data: distinct for every index (a bijection on the
/// id space), different for every seed, and random-looking.
struct DemoIDs {
  private static let space: UInt64 = 2_821_109_907_456  // 36^8
  private static let multiplier: UInt64 = 2_654_435_761  // coprime to 36
  private static let digits = Array("0123456789abcdefghijklmnopqrstuvwxyz".utf8)
  private let seed: UInt64

  init(seed: UInt64) { self.seed = seed }

  func invocation(_ index: Int) -> String { id("inv-", index, salt: 1) }
  func task(_ index: Int) -> String { id("invt-", index, salt: 2) }
  func command(_ index: Int) -> String { id("cmd-", index, salt: 3) }
  func cvmInstance(_ index: Int) -> String { id("ins-", index, salt: 4) }
  func lighthouseInstance(_ index: Int) -> String { id("lhins-", index, salt: 5) }
  func invoker(_ index: Int) -> String { id("ivk-", index, salt: 6) }

  private func id(_ prefix: String, _ index: Int, salt: UInt64) -> String {
    var generator = SplitMix64(seed: seed &* 31 &+ salt)
    let offset = generator.next() % Self.space
    var value = (UInt64(index) % Self.space &* Self.multiplier &+ offset) % Self.space
    var characters = [UInt8](repeating: 0, count: 8)
    for position in (0..<8).reversed() {
      characters[position] = Self.digits[Int(value % 36)]
      value /= 36
    }
    return prefix + String(decoding: characters, as: UTF8.self)
  }
}
