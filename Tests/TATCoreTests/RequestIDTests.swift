import Foundation
import TATCore
import Testing

@Suite("RequestID")
struct RequestIDTests {
  @Test("is a version 4 UUID in lower case, different each time")
  func isAFreshVersion4UUID() throws {
    let ids = (0..<2_000).map { _ in RequestID.random() }
    let pattern = try Regex("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
    for id in ids {
      #expect(id.wholeMatch(of: pattern) != nil, "\(id)")
      #expect(UUID(uuidString: id)?.uuidString.lowercased() == id)
    }
    #expect(Set(ids).count == ids.count)
    // Every hex digit outside the fixed ones turns up: the bits are random, not stuck.
    let free = ids.map { Array($0.replacingOccurrences(of: "-", with: "")) }
    for position in 0..<32 where position != 12 {
      #expect(Set(free.map { $0[position] }).count >= (position == 16 ? 4 : 16), "digit \(position)")
    }
  }
}
