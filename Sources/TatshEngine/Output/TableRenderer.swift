import Foundation

/// Lays records out as aligned columns that fit a width: the widest columns
/// give way first, cut text ends in `…`, and text with line breaks takes
/// several lines of its cell.
struct TableRenderer {
  var columns: [TableColumn]
  var width: Int?
  /// Whether to leave out columns that are empty in every row (for default columns, not chosen ones).
  var omittingEmptyColumns = false
  /// Whether to colour statuses: failures red, successes green, work in progress yellow.
  var colorsStatuses = false

  static let maximumCellLines = 12
  static let minimumColumnWidth = 4

  func render(_ records: [Record]) -> String {
    guard !records.isEmpty else { return "(no records)\n" }
    let columns =
      omittingEmptyColumns
      ? self.columns.filter { column in
        records.contains { !($0.value(at: column.path)?.text.isEmpty ?? true) }
      } : self.columns
    let cells = records.map { record in columns.map { lines(of: record.value(at: $0.path)) } }
    var valueWidths = columns.map { _ in 1 }
    for row in cells {
      for (index, cell) in row.enumerated() {
        valueWidths[index] = max(valueWidths[index], cell.map(\.count).max() ?? 0)
      }
    }
    let widths = fitted(values: valueWidths, headers: columns.map(\.header.count))
    let isTall = cells.contains { row in row.contains { $0.count > 1 } }
    var text = line(columns.map(\.header), widths: widths)
    text += line(widths.map { String(repeating: "─", count: $0) }, widths: widths)
    for (index, row) in cells.enumerated() {
      if isTall, index > 0 { text += "\n" }
      let height = row.map(\.count).max() ?? 1
      for lineIndex in 0..<max(1, height) {
        text += line(
          row.map { lineIndex < $0.count ? $0[lineIndex] : "" }, widths: widths,
          colors: colorsStatuses ? statusColumns(columns) : [])
      }
    }
    text += "(\(records.count) record\(records.count == 1 ? "" : "s"))\n"
    return text
  }

  private func lines(of value: Value?) -> [String] {
    let text = value?.text ?? ""
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
      String($0).replacingOccurrences(of: "\t", with: "    ").replacingOccurrences(of: "\r", with: "")
    }
    while lines.count > 1, lines.last?.isEmpty == true { lines.removeLast() }
    if lines.count > Self.maximumCellLines {
      let hidden = lines.count - Self.maximumCellLines + 1
      lines = Array(lines.prefix(Self.maximumCellLines - 1)) + ["… \(hidden) more lines"]
    }
    return lines
  }

  /// Column widths within `width`: columns narrower than a fair share keep
  /// their width, and the wide ones split what is left.
  private func fitted(values: [Int], headers: [Int]) -> [Int] {
    var widths = zip(values, headers).map { max($0, $1) }
    guard let width else { return widths }
    var available = width - 2 * (widths.count - 1)
    var unfitted = Array(widths.indices).sorted { widths[$0] < widths[$1] }
    while let narrowest = unfitted.first {
      let share = max(Self.minimumColumnWidth, available / unfitted.count)
      if widths[narrowest] <= share {
        available -= widths[narrowest]
        unfitted.removeFirst()
      } else {
        for index in unfitted { widths[index] = share }
        let leftover = available - share * unfitted.count
        if leftover > 0, let widest = unfitted.last { widths[widest] += leftover }
        break
      }
    }
    return widths
  }

  private func line(_ texts: [String], widths: [Int], colors: Set<Int> = []) -> String {
    var parts: [String] = []
    for (index, text) in texts.enumerated() {
      let fitted = text.count > widths[index] ? String(text.prefix(widths[index] - 1)) + "…" : text
      let isLast = index == texts.count - 1
      let padding = isLast ? "" : String(repeating: " ", count: widths[index] - fitted.count)
      parts.append((colors.contains(index) ? StatusColor.painted(fitted, status: text) : fitted) + padding)
    }
    return parts.joined(separator: "  ") + "\n"
  }

  /// The indexes of the columns that hold a status.
  private func statusColumns(_ columns: [TableColumn]) -> Set<Int> {
    Set(columns.indices.filter { columns[$0].path.last?.hasSuffix("Status") == true })
  }
}
