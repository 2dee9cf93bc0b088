/// Durations as people write them: `30s`, `5m`, `2h`, `7d`, `1w`, and
/// combinations such as `1h30m`.
enum DurationText {
  private static let units: [Character: Int] = ["s": 1, "m": 60, "h": 3_600, "d": 86_400, "w": 604_800]

  /// The number of seconds `text` stands for, or nil if it is not a duration.
  static func seconds(_ text: String) -> Int? {
    var total = 0
    var digits = ""
    var sawUnit = false
    for character in text {
      if character.isASCII, character.isNumber {
        digits.append(character)
      } else if let unit = units[character], let amount = Int(digits) {
        // Too many seconds for an Int is not a duration (and must not trap).
        let (seconds, tooMany) = amount.multipliedReportingOverflow(by: unit)
        let (sum, tooLong) = total.addingReportingOverflow(seconds)
        guard !tooMany, !tooLong else { return nil }
        total = sum
        digits = ""
        sawUnit = true
      } else {
        return nil
      }
    }
    return sawUnit && digits.isEmpty ? total : nil
  }
}
