import Foundation

/// Where the embedded store lives: `--store`, then `$TATSH_STORE`, then
/// `$XDG_DATA_HOME/tatsh/tat.sqlite`, then `~/.local/share/tatsh/tat.sqlite`.
public enum StoreLocation {
  /// The store path for an explicit choice (a `--store` flag) and an environment.
  public static func path(explicit: String?, environment: [String: String]) -> String {
    if let explicit, !explicit.isEmpty { return explicit }
    if let fromEnvironment = environment["TATSH_STORE"], !fromEnvironment.isEmpty {
      return fromEnvironment
    }
    let dataHome: String
    if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") {
      dataHome = xdg
    } else {
      let home = environment["HOME"] ?? NSHomeDirectory()
      dataHome = home + "/.local/share"
    }
    return dataHome + "/tatsh/tat.sqlite"
  }
}
