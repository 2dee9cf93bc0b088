import Foundation
import Testing

@testable import TatshEngine

/// `~` with a plain word is searched for as bytes; it must agree with the
/// regular expression it stands for.
@Suite struct PatternTests {
  @Test(arguments: ["error", "失败", "a", "Error", "exit 127", "rror:"])
  func aPlainPatternMatchesWhatItsRegularExpressionMatches(pattern: String) throws {
    let plain = try Pattern(pattern)
    let regex = try NSRegularExpression(pattern: pattern)
    for text in [
      "", "error", "an error: x", "ERROR", "Error", "e", "err", "部署失败了", "exit 127\n", "x rror: y",
      "no match here", "errorerror", "eerror", "erro", "xerr", "rerror", "e\u{0}rror",
    ] {
      let expected = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
      #expect(plain.matches(text) == expected, "\(pattern) on \(text)")
    }
  }

  @Test func specialCharactersStillMeanARegularExpression() throws {
    #expect(try Pattern("^err").matches("error"))
    #expect(try !Pattern("^err").matches("an error"))
    #expect(try Pattern("e.r").matches("ear"))
    #expect(throws: (any Error).self) { try Pattern("(") }
  }
}
