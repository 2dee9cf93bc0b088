/// ANSI colours for statuses: what failed in red, what succeeded in green,
/// what is still under way in yellow.
enum StatusColor {
  private static let red = "\u{1B}[31m"
  private static let green = "\u{1B}[32m"
  private static let yellow = "\u{1B}[33m"
  private static let reset = "\u{1B}[0m"

  /// `text` in the colour of `status`, or as it is for a status with no colour.
  static func painted(_ text: String, status: String) -> String {
    guard let color = color(of: status) else { return text }
    return color + text + reset
  }

  private static func color(of status: String) -> String? {
    switch status {
    case "FAILED", "TIMEOUT", "TASK_TIMEOUT", "DELIVER_FAILED", "START_FAILED", "PARTIAL_FAILED":
      red
    case "SUCCESS":
      green
    case "RUNNING", "PENDING", "DELIVERING", "DELIVER_DELAYED", "CANCELLING":
      yellow
    default:
      nil
    }
  }
}
