import Testing

@testable import TatshEngine

/// What `each` passes on of a command's output before the command ends.
@Suite struct EachStreamTests {
  @Test func aCharacterCutShortAtTheEndIsKeptBack() {
    let euro = Array("€".utf8)  // three bytes
    #expect(EachStream.lengthOfWholeCharacters(in: Array("ab".utf8) + euro) == 5)
    #expect(EachStream.lengthOfWholeCharacters(in: Array("ab".utf8) + euro.prefix(2)) == 2)
    #expect(EachStream.lengthOfWholeCharacters(in: Array("ab".utf8) + euro.prefix(1)) == 2)
    #expect(EachStream.lengthOfWholeCharacters(in: Array("😀".utf8).prefix(3) + []) == 0)
    #expect(EachStream.lengthOfWholeCharacters(in: []) == 0)
    // Bytes that are not UTF-8 at all are passed on as they are.
    #expect(EachStream.lengthOfWholeCharacters(in: [0x61, 0x80, 0x80, 0x80, 0x80]) == 5)
  }
}
