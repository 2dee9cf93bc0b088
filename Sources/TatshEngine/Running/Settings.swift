import Foundation
import TATCore
import TatshLanguage

/// What `set NAME VALUE` changes for the rest of a session.
struct Settings {
  /// The output format of pipelines that do not name one.
  var format: OutputFormat?
  /// `Limit` of each listing request, 1 to 100.
  var pageSize = PagedSource.pageSize
  /// The offset from UTC, in seconds, that tables, CSV, YAML and text show times in.
  var timeZoneOffset: Int?
  /// Whether tables colour statuses: nil decides by the terminal and `NO_COLOR`.
  var color: Bool?
  /// Whether output longer than the screen goes through the pager.
  var pages = true
  /// Whether each pipeline is followed by the time it took and the requests it made.
  var timing = false
  /// `set dry-run on`: stages that change things print their calls instead of making them.
  var dryRun = false
  /// `set plugin-timeout D`: how long a plugin or `^command` stage may run, in seconds; nil for no limit.
  var pluginTimeout: Int?
  /// `set strict on`: ids asked for by name and not found fail the pipeline (exit 1), not only warn.
  var strict = false

  /// A setting's new value.
  enum Change {
    case format(OutputFormat?)
    case pageSize(Int)
    case timeZone(Int?)
    case color(Bool?)
    case pager(Bool)
    case timing(Bool)
    case dryRun(Bool)
    case pluginTimeout(Int?)
    case strict(Bool)
  }

  /// Every setting and its value, as `set` alone prints them.
  var listing: String {
    let onOff = { (on: Bool) in on ? "on" : "off" }
    let zone: String =
      switch timeZoneOffset {
      case nil: "utc"
      case 0?: "utc"
      case let offset?:
        "\(offset < 0 ? "-" : "+")\(String(format: "%02d:%02d", abs(offset) / 3600, abs(offset) / 60 % 60))"
      }
    return [
      format.map { "set format \($0.rawValue)" }
        ?? "set format auto    # a table on a terminal, JSON Lines otherwise",
      "set page-size \(pageSize)",
      "set timezone \(zone)",
      "set color \(color.map(onOff) ?? "auto")",
      "set pager \(onOff(pages))",
      "set timing \(onOff(timing))",
      "set dry-run \(onOff(dryRun))",
      "set plugin-timeout \(pluginTimeout.map { "\($0)s" } ?? "off")",
      "set strict \(onOff(strict))",
    ].joined(separator: "\n") + "\n"
  }

  static let names = [
    "format", "page-size", "timezone", "color", "pager", "timing", "dry-run", "plugin-timeout", "strict",
  ]

  mutating func apply(_ name: Name, _ value: Literal) throws(Diagnostic) {
    switch try Self.validated(name, value) {
    case .format(let format): self.format = format
    case .pageSize(let size): pageSize = size
    case .timeZone(let offset): timeZoneOffset = offset
    case .color(let choice): color = choice
    case .pager(let on): pages = on
    case .timing(let on): timing = on
    case .dryRun(let on): dryRun = on
    case .pluginTimeout(let seconds): pluginTimeout = seconds
    case .strict(let on): strict = on
    }
  }

  /// The change `set NAME VALUE` asks for, or a diagnostic naming what is accepted.
  static func validated(_ name: Name, _ value: Literal) throws(Diagnostic) -> Change {
    switch name.text.lowercased() {
    case "format":
      if value.text.lowercased() == "auto" { return .format(nil) }
      guard let format = OutputFormat(rawValue: value.text.lowercased()) else {
        let formats = OutputFormat.allCases.map(\.rawValue)
        throw Diagnostic(
          "'\(value.text)' is not an output format (one of \(formats.joined(separator: ", ")), or auto)",
          at: value.range,
          suggestion: Suggestion.closest(to: value.text, among: formats))
      }
      return .format(format)
    case "page-size":
      guard let size = Int(value.text), (1...PagedSource.pageSize).contains(size) else {
        throw Diagnostic("page-size is a whole number from 1 to 100, got '\(value.text)'", at: value.range)
      }
      return .pageSize(size)
    case "timezone":
      guard let offset = timeZoneOffset(value.text) else {
        throw Diagnostic(
          "'\(value.text)' is not a time zone: write UTC, local, or an offset such as +08:00", at: value.range
        )
      }
      return .timeZone(offset == 0 && value.text.uppercased() == "UTC" ? nil : offset)
    case "color", "colour":
      switch value.text.lowercased() {
      case "on": return .color(true)
      case "off": return .color(false)
      case "auto": return .color(nil)
      default: throw Diagnostic("color is on, off or auto, got '\(value.text)'", at: value.range)
      }
    case "pager", "timing", "dry-run", "strict":
      guard let on = ["on": true, "off": false][value.text.lowercased()] else {
        throw Diagnostic("\(name.text.lowercased()) is on or off, got '\(value.text)'", at: value.range)
      }
      switch name.text.lowercased() {
      case "pager": return .pager(on)
      case "timing": return .timing(on)
      case "strict": return .strict(on)
      default: return .dryRun(on)
      }
    case "plugin-timeout":
      if value.text.lowercased() == "off" { return .pluginTimeout(nil) }
      guard let seconds = DurationText.seconds(value.text), seconds > 0 else {
        throw Diagnostic(
          "plugin-timeout is a duration such as 30s or 5m, or off, got '\(value.text)'", at: value.range)
      }
      return .pluginTimeout(seconds)
    default:
      throw Diagnostic(
        "unknown setting '\(name.text)' (settings: \(names.joined(separator: ", ")))", at: name.range,
        suggestion: Suggestion.closest(to: name.text, among: names))
    }
  }

  private static func timeZoneOffset(_ text: String) -> Int? {
    switch text.lowercased() {
    case "utc", "z": return 0
    case "local": return TimeZone.current.secondsFromGMT()
    default:
      let parts = text.dropFirst().split(separator: ":")
      guard let sign = text.first, sign == "+" || sign == "-", parts.count == 2,
        let hours = Int(parts[0]), let minutes = Int(parts[1]), hours <= 14, minutes < 60
      else { return nil }
      return (hours * 3600 + minutes * 60) * (sign == "-" ? -1 : 1)
    }
  }
}
