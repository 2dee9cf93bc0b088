import Foundation
import TATCore

/// Where the embedded store lives: `--store`, then `$TATSH_STORE`, then
/// `$XDG_DATA_HOME/tatsh/tat.sqlite`, then `~/.local/share/tatsh/tat.sqlite`.
public enum StoreLocation {
  /// The store path for an explicit choice (a `--store` flag) and an environment.
  public static func path(explicit: String?, environment: [String: String]) -> String {
    if let explicit, !explicit.isEmpty { return explicit }
    if let fromEnvironment = environment["TATSH_STORE"], !fromEnvironment.isEmpty {
      return fromEnvironment
    }
    return UserFolder.data.path(environment) + "/tatsh/tat.sqlite"
  }
}
