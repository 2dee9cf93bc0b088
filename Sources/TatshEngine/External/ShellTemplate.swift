import Foundation

/// A command line for `each` with `{{Field}}` holes that are filled with a
/// record's values, each shell-quoted: a value is always one word and never
/// code, whatever it holds.
struct ShellTemplate: Sendable {
  /// Literal text and the field paths between it, in order.
  enum Piece: Sendable {
    case text(String)
    case field([String])
  }

  let pieces: [Piece]

  /// Splits `template` at `{{…}}`; `resolve` turns each name into a field path.
  init(_ template: String, resolve: (String) throws -> String) rethrows {
    var pieces: [Piece] = []
    var rest = Substring(template)
    while let open = rest.range(of: "{{"), let close = rest[open.upperBound...].range(of: "}}") {
      pieces.append(.text(String(rest[..<open.lowerBound])))
      let name = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
      pieces.append(.field(try resolve(name).split(separator: ".").map(String.init)))
      rest = rest[close.upperBound...]
    }
    pieces.append(.text(String(rest)))
    self.pieces = pieces
  }

  /// The command for `record`.
  func command(for record: Record) -> String {
    pieces.map { piece in
      switch piece {
      case .text(let text): text
      case .field(let path): Self.quoted(record.value(at: path)?.text ?? "")
      }
    }.joined()
  }

  /// `value` as one shell word: in single quotes, a quote written `'\''`, NUL dropped.
  static func quoted(_ value: String) -> String {
    "'" + value.replacingOccurrences(of: "\0", with: "").replacingOccurrences(of: "'", with: "'\\''") + "'"
  }
}
