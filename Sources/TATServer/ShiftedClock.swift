import Foundation
import Hummingbird
import NIOCore
import NIOHTTPTypes

/// For tests of clients against a server whose clock is wrong (`tatsh serve
/// --clock-offset`): rewrites the `Date` header of every answer to this
/// machine's time shifted by `offset` seconds. Hummingbird sets `Date` after
/// the route has answered, so it is set here, on the way out, instead.
final class ShiftedClock: ChannelOutboundHandler, RemovableChannelHandler {
  typealias OutboundIn = HTTPResponsePart
  typealias OutboundOut = HTTPResponsePart

  private let offset: Int
  private let formatter: DateFormatter

  init(offset: Int) {
    self.offset = offset
    formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "GMT")
    formatter.dateFormat = "EEE',' dd MMM yyyy HH':'mm':'ss 'GMT'"
  }

  func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
    guard case .head(var head) = unwrapOutboundIn(data) else {
      context.write(data, promise: promise)
      return
    }
    head.headerFields[.date] = formatter.string(from: Date().addingTimeInterval(TimeInterval(offset)))
    context.write(wrapOutboundOut(.head(head)), promise: promise)
  }
}
