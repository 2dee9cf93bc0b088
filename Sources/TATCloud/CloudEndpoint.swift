import Foundation

/// The endpoint requests go to, checked before any is sent: `HOST[:PORT]`
/// (HTTPS), or `http://` or `https://` and a host, a port from 1 to 65535,
/// and nothing else.
enum CloudEndpoint {
  /// `text` with its scheme in lower case, or a problem that names `source`.
  static func checked(_ text: String, source: String) throws(CloudSettings.Problem) -> String {
    func refuse(_ reason: String) -> CloudSettings.Problem {
      CloudSettings.Problem(
        description:
          "'\(text)' (\(source)) is not an endpoint: \(reason); write HOST[:PORT], or http:// or https:// before it"
      )
    }
    var normalized = text
    if let range = text.range(of: "://") {
      let scheme = text[..<range.lowerBound].lowercased()
      guard scheme == "http" || scheme == "https" else {
        throw refuse("tatsh speaks http and https, not \(scheme)")
      }
      normalized = scheme + text[range.lowerBound...]
    }
    let withScheme = normalized.contains("://") ? normalized : "https://" + normalized
    guard let components = URLComponents(string: withScheme), let host = components.host, !host.isEmpty else {
      throw refuse("it names no host")
    }
    guard components.user == nil, components.password == nil else {
      throw CloudSettings.Problem(
        description:
          "the endpoint (\(source)) holds a user name or password; give credentials with --credentials, a profile or the environment, never in the endpoint"
      )
    }
    if let port = components.port, !(1...65535).contains(port) {
      throw refuse("its port \(port) is not from 1 to 65535")
    }
    if text.contains(":"), components.port == nil, host.contains(":") == false,
      text.split(separator: ":").last.map({
        !$0.isEmpty && $0.allSatisfy(\.isNumber) == false && !$0.hasPrefix("//")
      }) == true
    {
      throw refuse("its port is not a number")
    }
    guard components.path.isEmpty || components.path == "/", components.query == nil,
      components.fragment == nil
    else { throw refuse("it has a path or a query") }
    return normalized
  }

  /// Whether `endpoint` is Tencent Cloud's own, which needs a region.
  static func isTencent(_ endpoint: String) -> Bool {
    let withScheme = endpoint.contains("://") ? endpoint : "https://" + endpoint
    let host = URLComponents(string: withScheme)?.host?.lowercased() ?? endpoint.lowercased()
    return host == "tencentcloudapi.com" || host.hasSuffix(".tencentcloudapi.com")
  }
}
