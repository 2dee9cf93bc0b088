import Hummingbird
import NIOCore

/// Hummingbird's basic context plus the client's address, for the audit log.
struct ServeRequestContext: RequestContext, RemoteAddressRequestContext {
  var coreContext: CoreRequestContextStorage
  let remoteAddress: SocketAddress?

  init(source: ApplicationRequestContextSource) {
    coreContext = .init(source: source)
    remoteAddress = source.channel.remoteAddress
  }

  /// The address as the log shows it: `127.0.0.1:51234`, `[::1]:51234`.
  var client: String? {
    guard let remoteAddress, let ip = remoteAddress.ipAddress, let port = remoteAddress.port else {
      return nil
    }
    return remoteAddress.protocol == .inet6 ? "[\(ip)]:\(port)" : "\(ip):\(port)"
  }
}
