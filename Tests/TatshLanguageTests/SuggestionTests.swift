import Testing

@testable import TatshLanguage

@Suite("Suggestion")
struct SuggestionTests {
  let fields = ["id", "status", "exit", "output", "instance", "created"]

  @Test("a swap of two neighbouring letters is close: stauts → status")
  func transposition() {
    #expect(Suggestion.closest(to: "stauts", among: fields) == "status")
    #expect(Suggestion.closest(to: "isntance", among: fields) == "instance")
  }

  @Test("a transposition is one edit, not two")
  func transpositionDistance() {
    #expect(Suggestion.editDistance(Array("stauts"), Array("status")) == 1)
    #expect(Suggestion.editDistance(Array("ab"), Array("ba")) == 1)
  }

  @Test(
    "edit distance counts insertions, deletions and substitutions",
    arguments: [
      ("kitten", "sitting", 3),
      ("", "abc", 3),
      ("abc", "", 3),
      ("", "", 0),
      ("status", "status", 0),
      ("status", "statuses", 2),
      ("exit", "exot", 1),
      // Optimal string alignment: a swapped pair cannot be edited again.
      ("ca", "abc", 3),
    ])
  func editDistance(from: String, to: String, distance: Int) {
    #expect(Suggestion.editDistance(Array(from), Array(to)) == distance)
    #expect(Suggestion.editDistance(Array(to), Array(from)) == distance)
  }

  @Test("case is ignored, and the candidate comes back as written")
  func caseInsensitive() {
    #expect(Suggestion.closest(to: "STAUTS", among: fields) == "status")
    #expect(Suggestion.closest(to: "stauts", among: ["Status", "Output"]) == "Status")
    #expect(Suggestion.closest(to: "STATUS", among: ["status"]) == "status")
  }

  @Test("nil when nothing is close", arguments: ["zzzzzz", "x", "invocations", "qwerty"])
  func nothingClose(name: String) {
    #expect(Suggestion.closest(to: name, among: fields) == nil)
  }

  @Test("nil when there are no candidates")
  func noCandidates() {
    #expect(Suggestion.closest(to: "status", among: [String]()) == nil)
  }

  @Test("the nearest of several close candidates wins, wherever it is in the list")
  func nearestWins() {
    // 'invocatons' is one edit from 'invocations' and two from 'invocation'.
    #expect(
      Suggestion.closest(to: "invocatons", among: ["invocation", "invocations"]) == "invocations")
    #expect(
      Suggestion.closest(to: "invocatons", among: ["invocations", "invocation"]) == "invocations")
    // 'deocde' is one edit (a swap) from 'decode' and two from 'decade', which comes first.
    #expect(Suggestion.closest(to: "deocde", among: ["decade", "decode", "encode"]) == "decode")
  }

  @Test("an exact match (in any case) is its own suggestion")
  func exactMatch() {
    #expect(Suggestion.closest(to: "Exit", among: fields) == "exit")
  }

  @Test("works on any sequence of strings")
  func anySequence() {
    let stages: Set<String> = ["tasks", "decode", "select"]
    #expect(Suggestion.closest(to: "tsaks", among: stages) == "tasks")
    #expect(Suggestion.closest(to: "selcet", among: stages.sorted().lazy) == "select")
  }
}
