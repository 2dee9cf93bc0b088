import Foundation

/// One line of `tatsh doctor`'s report: what was checked, what was found,
/// and for a problem, what to do about it.
struct DoctorFinding: Equatable {
  /// How a check came out.
  enum Verdict: Equatable {
    case passed, warning, failed
    /// The check means nothing here (the endpoint on the embedded backend).
    case notApplicable
    /// The check could not be made because an earlier one failed.
    case notChecked

    /// The mark at the start of the line.
    var mark: String {
      switch self {
      case .passed: "✔"
      case .warning: "!"
      case .failed: "✘"
      case .notApplicable, .notChecked: "–"
      }
    }
  }

  var verdict: Verdict
  /// What was checked, in a word or two: `region`, `store`.
  var subject: String
  var detail: String
  /// What to do about a warning or a failure.
  var fix: String? = nil

  static func passed(_ subject: String, _ detail: String) -> DoctorFinding {
    DoctorFinding(verdict: .passed, subject: subject, detail: detail)
  }

  static func warning(_ subject: String, _ detail: String, fix: String? = nil) -> DoctorFinding {
    DoctorFinding(verdict: .warning, subject: subject, detail: detail, fix: fix)
  }

  static func failed(_ subject: String, _ detail: String, fix: String? = nil) -> DoctorFinding {
    DoctorFinding(verdict: .failed, subject: subject, detail: detail, fix: fix)
  }

  static func notApplicable(_ subject: String, _ detail: String) -> DoctorFinding {
    DoctorFinding(verdict: .notApplicable, subject: subject, detail: "n/a: " + detail)
  }

  static func notChecked(_ subject: String, because reason: String) -> DoctorFinding {
    DoctorFinding(verdict: .notChecked, subject: subject, detail: "not checked: " + reason)
  }

  /// The finding as printed: the mark, the subject in a column `width` wide,
  /// the detail, and the fix on a line of its own below.
  func line(subjectWidth width: Int) -> String {
    let padded = subject.padding(toLength: max(width, subject.count), withPad: " ", startingAt: 0)
    return "\(verdict.mark) \(padded)  \(detail)\n"
      + (fix.map { "  \(String(repeating: " ", count: width))  fix: \($0)\n" } ?? "")
  }
}
