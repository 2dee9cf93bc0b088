import Foundation

/// The XDG base folders that tatsh keeps a user's files in.
public enum UserFolder: String, Sendable {
  case data = "XDG_DATA_HOME"
  case state = "XDG_STATE_HOME"
  case config = "XDG_CONFIG_HOME"

  /// The folder as `environment` sets it (only an absolute path counts, as
  /// the XDG specification says), else its default under `$HOME`.
  public func path(_ environment: [String: String]) -> String {
    if let folder = environment[rawValue], folder.hasPrefix("/") { return folder }
    let fallback =
      switch self {
      case .data: ".local/share"
      case .state: ".local/state"
      case .config: ".config"
      }
    return (environment["HOME"] ?? NSHomeDirectory()) + "/" + fallback
  }
}
