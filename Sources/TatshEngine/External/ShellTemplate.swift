import Foundation

/// A command line for `each` with `{{Field}}` holes. A value never becomes
/// part of the script: each distinct field gets a variable (`_TATSH_1`,
/// `_TATSH_2`…) in the command's environment, and each hole becomes a
/// reference to it written for where it stands — `"${_TATSH_1}"` outside
/// quotes, `${_TATSH_1}` in double quotes and here-documents. A hole where
/// the shell would not expand a variable, or would evaluate its value as
/// code, is refused (`Misplaced`).
struct ShellTemplate: Sendable {
  /// A variable the command gets, and the field whose value it holds.
  struct Variable: Sendable {
    let name: String
    /// The hole as written, `{{Name}}`, for messages.
    let written: String
    let path: [String]
  }

  /// A hole that cannot stand where it is written.
  struct Misplaced: Error, Sendable {
    let template: String
    let written: String
    /// Where the hole is in `template`, in Unicode scalars.
    let offset: Int
    let context: ShellContextScanner.Context

    /// What is wrong and how to write it.
    var message: String {
      "\(written) \(explanation)"
    }
  }

  /// Why a record's value cannot be given to its command.
  enum Unpassable: Error, Sendable {
    case holdsNul(written: String)
    case tooLong(written: String, bytes: Int)
  }

  /// The script for `/bin/sh -c`.
  let script: String
  let variables: [Variable]

  /// The longest environment string (`NAME=value` and its NUL) the system takes.
  static let environmentStringLimit = 128 * 1024

  /// Splits `template` at `{{…}}`; `resolve` turns each name into a field path.
  init(_ template: String, resolve: (String) throws -> String) throws {
    var texts: [String] = []
    var holes: [(written: String, path: [String], offset: Int)] = []
    var rest = Substring(template)
    while let open = rest.range(of: "{{"), let close = rest[open.upperBound...].range(of: "}}") {
      texts.append(String(rest[..<open.lowerBound]))
      let name = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
      let offset = template.unicodeScalars.distance(
        from: template.unicodeScalars.startIndex, to: open.lowerBound)
      holes.append(
        (
          String(rest[open.lowerBound..<close.upperBound]),
          try resolve(name).split(separator: ".").map(String.init), offset
        ))
      rest = rest[close.upperBound...]
    }
    texts.append(String(rest))
    let contexts = ShellContextScanner.contexts(between: texts)
    if let refused = contexts.indices.first(where: { !contexts[$0].takesValue }) {
      throw Misplaced(
        template: template, written: holes[refused].written, offset: holes[refused].offset,
        context: contexts[refused])
    }
    var variables: [Variable] = []
    var script = texts[0]
    for (index, hole) in holes.enumerated() {
      let reference: String
      if contexts[index] == .comment {
        reference = hole.written  // The shell reads nothing of a comment.
      } else {
        let variable: Variable
        if let known = variables.first(where: { $0.path == hole.path }) {
          variable = known
        } else {
          variable = Variable(name: "_TATSH_\(variables.count + 1)", written: hole.written, path: hole.path)
          variables.append(variable)
        }
        reference = contexts[index] == .unquoted ? "\"${\(variable.name)}\"" : "${\(variable.name)}"
      }
      script += reference + texts[index + 1]
    }
    self.script = script
    self.variables = variables
  }

  /// The variables `record` gives the command.
  func environment(for record: Record) throws(Unpassable) -> [String: String] {
    var environment: [String: String] = [:]
    for variable in variables {
      // Objects and lists as JSON, as in TATSH_<Field>; the rest as their text.
      let value: String =
        switch record.value(at: variable.path) {
        case let nested? where nested.isContainer: ValueJSON.compact(nested)
        case let plain?: plain.text
        case nil: ""
        }
      if value.utf8.contains(0) { throw .holdsNul(written: variable.written) }
      if variable.name.utf8.count + value.utf8.count + 2 > Self.environmentStringLimit {
        throw .tooLong(written: variable.written, bytes: value.utf8.count)
      }
      environment[variable.name] = value
    }
    return environment
  }
}

extension ShellTemplate.Misplaced {
  private var scalars: [Unicode.Scalar] { Array(template.unicodeScalars) }
  private var length: Int { written.unicodeScalars.count }

  /// `template` with `replacement` for the scalars `range`.
  private func replacing(_ range: Range<Int>, with replacement: String) -> String {
    var scalars = self.scalars
    scalars.replaceSubrange(range, with: Array(replacement.unicodeScalars))
    return String(String.UnicodeScalarView(scalars))
  }

  private var explanation: String {
    switch context {
    case .singleQuoted:
      return "is inside single quotes, where the shell expands nothing; close the quotes around it: "
        + closingQuotes(reopening: "'") + doubleQuotedInstead
    case .dollarSingleQuoted:
      return "is inside $'…', where the shell expands nothing; close the quotes around it: "
        + closingQuotes(reopening: "$'")
    case .literalHeredocBody:
      return
        "is in a here-document whose delimiter is quoted (<<'EOF'), where the shell expands nothing; leave the delimiter unquoted (<<EOF) and write \\$, \\` and \\\\ for a $, ` or \\ meant as text"
    case .heredocDelimiter:
      return
        "is in a here-document's delimiter, which the shell takes as written; write the delimiter out (<<EOF)"
    case .arithmetic:
      return
        "is inside arithmetic ($((…)), ((…)) or $[…]), where the shell evaluates a value as an expression and bash runs commands in it; check that it is a number first: n=\(written); case $n in ''|*[!0-9]*) exit 1;; esac; echo $((n + 1))"
    case .conditional:
      return
        "is inside [[ … ]], where bash evaluates some operands (of -eq, -lt…, -v) as code; use [ … ] or test: [ \(written) = value ]"
    case .parameterName:
      return
        "stands where ${…} takes a variable's name, an index or an offset, which the shell evaluates; use it as a value, as in ${x:-\(written)}"
    case .arraySubscript:
      return
        "is inside an array index (name[…]), which bash evaluates as arithmetic and can run commands in; check that it is a number first: i=\(written); case $i in ''|*[!0-9]*) exit 1;; esac; a[$i]=…"
    case .afterBackslash:
      return "follows a backslash, which would keep the shell from expanding it; remove the backslash: "
        + replacing(offset - 1..<offset, with: "")
    case .afterDollar:
      return "follows a $, which would run into what replaces it; write \\$ for a dollar sign before it: "
        + replacing(offset - 1..<offset, with: "\\$")
    case .unclear(let after):
      return
        "comes after \(after), so tatsh cannot tell how the shell would read \(written); write that part another way"
    case .unquoted, .doubleQuoted, .heredocBody, .comment:
      return "can stand here"
    }
  }

  /// The template with the quotes around the hole closed before it and
  /// opened again (with `reopening`) after it.
  private func closingQuotes(reopening: String) -> String {
    let scalars = self.scalars
    let end = offset + length
    let closesRightAfter = end < scalars.count && scalars[end] == "'"
    let opensRightBefore =
      offset > 0 && scalars[offset - 1] == "'"
      && (reopening == "'" || (offset > 1 && scalars[offset - 2] == "$"))
    let before =
      opensRightBefore
      ? String(String.UnicodeScalarView(scalars[..<(offset - reopening.unicodeScalars.count)]))
      : String(String.UnicodeScalarView(scalars[..<offset])) + "'"
    let after =
      closesRightAfter
      ? String(String.UnicodeScalarView(scalars[(end + 1)...]))
      : reopening + String(String.UnicodeScalarView(scalars[end...]))
    return before + written + after
  }

  /// `; or in double quotes: …` when the single-quoted text around the hole
  /// means the same in double quotes.
  private var doubleQuotedInstead: String {
    let scalars = self.scalars
    guard let open = scalars[..<offset].lastIndex(of: "'") else { return "" }
    let close = scalars[offset...].firstIndex(of: "'") ?? scalars.count
    let inside = String(String.UnicodeScalarView(scalars[(open + 1)..<close]))
    // What double quotes would read differently, holes aside.
    let bare = inside.replacingOccurrences(of: #"\{\{[^}]*\}\}"#, with: "", options: .regularExpression)
    // Quotes around the hole alone are better left out altogether.
    guard !bare.isEmpty, !bare.contains(where: { "$`\\\"".contains($0) }) else { return "" }
    var quoted = scalars
    if close < scalars.count { quoted[close] = "\"" }
    quoted[open] = "\""
    guard close < scalars.count else { return "" }
    return " (or in double quotes: " + String(String.UnicodeScalarView(quoted)) + ")"
  }
}
