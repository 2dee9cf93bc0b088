import Foundation
import TatshREPL

#if canImport(Glibc)
  import Glibc
#endif

/// The terminal's part of `tatsh doctor`: what the interactive shell and
/// the tables will have: libedit, whether the standard streams are
/// terminals, `TERM`, colours, the width and a UTF-8 locale.
extension Doctor {
  func terminalFindings(environment: [String: String]) -> [DoctorFinding] {
    var findings: [DoctorFinding] = []
    let loaded = EditLineLibrary.loadedFile.map { " from \($0)" } ?? ""
    findings.append(.passed("libedit", "loaded\(loaded) (interface \(EditLineLibrary.interfaceVersion))"))

    let terminal = ProcessTerminal.current(environment: environment)
    let input = isatty(0) == 1
    findings.append(
      .passed(
        "terminal",
        "stdin \(input ? "is a terminal" : "is not a terminal (tatsh reads a script from it)"), stdout \(terminal.isInteractive ? "is a terminal (tables)" : "is not a terminal (JSON Lines)")"
      ))

    let term = environment["TERM"] ?? ""
    if !terminal.isInteractive {
      findings.append(.passed("TERM", term.isEmpty ? "not set; not needed, stdout is not a terminal" : term))
    } else if term.isEmpty {
      findings.append(
        .warning(
          "TERM", "not set: libedit cannot tell how to move the cursor, so line editing may misbehave",
          fix: "export TERM=xterm-256color (or what your terminal is)"))
    } else if term == "dumb" {
      findings.append(
        .warning(
          "TERM", "dumb: no colours, and line editing is limited",
          fix: "export TERM=xterm-256color (or what your terminal is)"))
    } else if !Self.hasTerminfoEntry(term, environment: environment) {
      findings.append(
        .warning(
          "TERM", "\(term) has no terminfo entry here: line editing falls back to a dumb terminal",
          fix: "export TERM=xterm-256color (or what your terminal is; toe -a lists those known here)"))
    } else {
      findings.append(.passed("TERM", term))
    }

    let colours: String
    if terminal.allowsColor {
      colours = "on"
    } else if !terminal.isInteractive {
      colours = "off: stdout is not a terminal"
    } else if !(environment["NO_COLOR"] ?? "").isEmpty {
      colours = "off: NO_COLOR is set"
    } else {
      colours = "off: TERM is dumb"
    }
    findings.append(.passed("colours", colours))

    let width: String
    if let columns = terminal.width {
      let from =
        terminal.measureWindow != nil ? "the window" : terminal.isInteractive ? "COLUMNS, or 80" : "COLUMNS"
      width = "\(columns) columns (\(from))"
    } else if let columns = environment["COLUMNS"], !columns.isEmpty {
      width =
        "none: stdout is not a terminal and COLUMNS=\(columns) is not a width tatsh takes, so tables are not fitted"
    } else {
      width = "none: stdout is not a terminal and COLUMNS is not set, so tables are not fitted"
    }
    findings.append(.passed("width", width))
    findings.append(Self.localeFinding(environment))
    return findings
  }

  /// The character set the locale gives, from `LC_ALL`, else `LC_CTYPE`, else
  /// `LANG`, as the C library chooses: non-ASCII text (decoded output,
  /// names, this report's marks) shows right in the pager only with UTF-8.
  static func localeFinding(_ environment: [String: String]) -> DoctorFinding {
    let chosen = ["LC_ALL", "LC_CTYPE", "LANG"].lazy.compactMap { name in
      environment[name].flatMap { $0.isEmpty ? nil : (name, $0) }
    }.first
    guard let (name, value) = chosen else {
      return .warning(
        "locale",
        "none of LC_ALL, LC_CTYPE and LANG is set (the C locale): the pager shows non-ASCII text as escapes",
        fix: "export LANG=C.UTF-8 (or another UTF-8 locale that locale -a lists)")
    }
    // The variable that decides must change: LANG=C.UTF-8 does nothing under LC_ALL=C.
    let fix = "export \(name)=C.UTF-8 (or another UTF-8 locale that locale -a lists)"
    guard let locale = newlocale(LC_CTYPE_MASK, value, nil) else {
      return .warning(
        "locale",
        "\(name)=\(value) is not installed here, so the C library falls back to the C locale: the pager shows non-ASCII text as escapes",
        fix: fix)
    }
    freelocale(locale)
    let normalized = value.lowercased().replacingOccurrences(of: "-", with: "")
    guard normalized.contains("utf8") else {
      return .warning(
        "locale", "\(name)=\(value) is not UTF-8: the pager shows non-ASCII text as escapes", fix: fix)
    }
    return .passed("locale", "\(name)=\(value)")
  }

  /// Whether terminfo describes `term` (as ncurses looks: `$TERMINFO`,
  /// `~/.terminfo`, then the system's folders, by first letter or its hex).
  static func hasTerminfoEntry(_ term: String, environment: [String: String]) -> Bool {
    guard let first = term.first, !term.contains("/") else { return false }
    let folders =
      [environment["TERMINFO"], environment["HOME"].map { $0 + "/.terminfo" }].compactMap { $0 }
      + (environment["TERMINFO_DIRS"] ?? "").split(separator: ":").map(String.init)
      + ["/etc/terminfo", "/lib/terminfo", "/usr/share/terminfo", "/usr/lib/terminfo"]
    let hex = String(format: "%02x", first.asciiValue ?? 0)
    return folders.contains { folder in
      ["\(folder)/\(first)/\(term)", "\(folder)/\(hex)/\(term)"].contains {
        FileManager.default.fileExists(atPath: $0)
      }
    }
  }
}
