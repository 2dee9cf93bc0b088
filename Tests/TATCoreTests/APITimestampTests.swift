import Foundation
import TATCore
import Testing

@Suite("APITimestamp")
struct APITimestampTests {
  /// Fixed instants and their text in the API's format, checked against `date -u`.
  static let knownInstants: [(text: String, seconds: Int)] = [
    ("2020-11-09T07:21:59+00:00", 1_604_906_519),
    ("1970-01-01T00:00:00+00:00", 0),
    ("1969-12-31T23:59:59+00:00", -1),
    ("2000-02-29T00:00:00+00:00", 951_782_400),
    ("2000-03-01T00:00:00+00:00", 951_868_800),
    ("2024-12-31T23:59:59+00:00", 1_735_689_599),
    ("2038-01-19T03:14:08+00:00", 2_147_483_648),
    ("2100-03-01T12:34:56+00:00", 4_107_587_696),
    ("1900-01-01T00:00:00+00:00", -2_208_988_800),
    ("9999-12-31T23:59:59+00:00", 253_402_300_799),
    ("0001-01-01T00:00:00+00:00", -62_135_596_800),
  ]

  @Test("formats known instants in the API's format", arguments: knownInstants)
  func formatsKnownInstants(text: String, seconds: Int) {
    #expect(APITimestamp.string(fromEpochSeconds: seconds) == text)
  }

  @Test("parses known instants", arguments: knownInstants)
  func parsesKnownInstants(text: String, seconds: Int) {
    #expect(APITimestamp.epochSeconds(from: text) == seconds)
  }

  @Test("the seed page's times round-trip exactly")
  func seedPageTimesRoundTrip() throws {
    for text in ["2020-11-09T07:21:59+00:00", "2020-11-09T07:22:08+00:00"] {
      let seconds = try #require(APITimestamp.epochSeconds(from: text))
      #expect(APITimestamp.string(fromEpochSeconds: seconds) == text)
    }
    #expect(APITimestamp.epochSeconds(from: "2020-11-09T07:22:08+00:00") == 1_604_906_528)
  }

  @Test(
    "time zone designators are applied",
    arguments: [
      "2020-11-09T07:21:59Z",
      "2020-11-09T07:21:59+00:00",
      "2020-11-09T07:21:59-00:00",
      "2020-11-09T15:21:59+08:00",
      "2020-11-09T12:51:59+05:30",
      "2020-11-08T21:21:59-10:00",
      "2020-11-10T01:21:59+18:00",
    ])
  func appliesOffsets(text: String) {
    #expect(APITimestamp.epochSeconds(from: text) == 1_604_906_519)
  }

  @Test("an offset that crosses midnight and a month end")
  func offsetAcrossMonthEnd() {
    // 2020-12-01T02:00:00+08:00 is 2020-11-30T18:00:00 UTC.
    #expect(APITimestamp.epochSeconds(from: "2020-12-01T02:00:00+08:00") == 1_606_759_200)
    #expect(APITimestamp.string(fromEpochSeconds: 1_606_759_200) == "2020-11-30T18:00:00+00:00")
  }

  @Test("agrees with Foundation's ISO 8601 formatter over a wide range")
  func agreesWithFoundation() throws {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime]
    formatter.timeZone = TimeZone(identifier: "UTC")
    // A stride that is not a multiple of a day, so every time of day and many dates are hit.
    for seconds in stride(from: -2_500_000_000, through: 5_000_000_000, by: 7_777_777) {
      let text = APITimestamp.string(fromEpochSeconds: seconds)
      let expected = formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
        .replacingOccurrences(of: "Z", with: "+00:00")
      #expect(text == expected)
      #expect(APITimestamp.epochSeconds(from: text) == seconds)
    }
  }

  @Test(
    "rejects malformed strings",
    arguments: [
      "",
      "2020",
      "2020-11-09",
      "2020-11-09T07:21",
      "2020/11/09T07:21:59Z",
      "2020-11-09X07:21:59Z",
      "2020-11-09T07.21.59Z",
      "20a0-11-09T07:21:59Z",
      "2020-1x-09T07:21:59Z",
      "2020-11-09T07:2x:59Z",
      " 2020-11-09T07:21:59Z",
      "2020-11-09T07:21:59 Z",
      "2020-11-09T07:21:59z",
      "2020-11-09T07:21:59UTC",
      "2020-11-09T07:21:59.123Z",
      "2020-11-09T07:21:59+0800",
      "2020-11-09T07:21:59+08",
      "2020-11-09T07:21:59+8:00",
      "2020-11-09T07:21:59*08:00",
      "2020-11-09T07:21:59+08-00",
      "2020-11-09T07:21:59+08:00x",
      "2020-11-09T07:21:59+08:0a",
      "2020-00-09T07:21:59Z",
      "2020-13-09T07:21:59Z",
      "2020-11-00T07:21:59Z",
      "2020-11-32T07:21:59Z",
      "2020-11-09T24:00:00Z",
      "2020-11-09T07:60:00Z",
      "2020-11-09T07:21:61Z",
      "-2020-11-09T07:21:59Z",
      "２０２０-11-09T07:21:59Z",
    ])
  func rejectsMalformed(text: String) {
    #expect(APITimestamp.epochSeconds(from: text) == nil)
  }

  @Test("rejects days that do not exist in their month")
  func rejectsImpossibleDates() {
    #expect(APITimestamp.epochSeconds(from: "2021-02-29T00:00:00Z") == nil)
    #expect(APITimestamp.epochSeconds(from: "2020-02-30T00:00:00Z") == nil)
    #expect(APITimestamp.epochSeconds(from: "2020-04-31T00:00:00Z") == nil)
    #expect(APITimestamp.epochSeconds(from: "2100-02-29T00:00:00Z") == nil)
    #expect(APITimestamp.epochSeconds(from: "2020-01-01T00:00:00+24:00") == nil)
    // A real leap day stays accepted.
    #expect(APITimestamp.epochSeconds(from: "2020-02-29T00:00:00Z") == 1_582_934_400)
  }
}
