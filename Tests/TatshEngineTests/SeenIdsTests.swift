import Testing

@testable import TatshEngine

@Suite struct SeenIdsTests {
  @Test func anIdIsNewOnceWhateverItsShape() {
    var seen = SeenIds()
    let ids = [
      "invt-abc12345", "invt-zzzzzzzz", "inv-abc12345",  // another kind, same last eight bytes
      "xinvt-abc12345", "invt-abc1234", "short", "", "invt-abc12345-copy", "invt-ab¢1234",
      "cmd-abc12345",
    ]
    for id in ids {
      let isNew = seen.insert(id)
      #expect(isNew, "\(id) is new")
    }
    for id in ids {
      let isNew = seen.insert(id)
      #expect(!isNew, "\(id) was seen")
    }
  }

  @Test func manyIdsOfOneKindAreEachNewOnce() {
    var seen = SeenIds()
    let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789")
    func id(_ n: Int) -> String {
      var n = n
      var suffix = ""
      for _ in 0..<8 {
        suffix.append(alphabet[n % 36])
        n /= 36
      }
      return "invt-" + suffix
    }
    var fresh = 0
    for n in 0..<300_000 where seen.insert(id(n)) { fresh += 1 }
    #expect(fresh == 300_000)
    var again = 0
    for n in 0..<300_000 where seen.insert(id(n * 7 % 300_000)) { again += 1 }
    #expect(again == 0)
  }
}
