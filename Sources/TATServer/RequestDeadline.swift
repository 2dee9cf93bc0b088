import NIOCore
import NIOHTTPTypes

/// Closes a connection whose client takes longer than `limit` to send a
/// whole request, counted from when the connection opened or the previous
/// answer was written. A client that dribbles its request a byte at a time
/// (slowloris) holds a connection for `limit` at most, and so does an idle one.
final class RequestDeadline: ChannelDuplexHandler, RemovableChannelHandler {
  typealias InboundIn = HTTPRequestPart
  typealias InboundOut = HTTPRequestPart
  typealias OutboundIn = HTTPResponsePart
  typealias OutboundOut = HTTPResponsePart

  private let limit: TimeAmount
  private var deadline: Scheduled<Void>?

  init(limit: TimeAmount) {
    self.limit = limit
  }

  func handlerAdded(context: ChannelHandlerContext) {
    if context.channel.isActive { start(on: context.channel) }
  }

  func handlerRemoved(context: ChannelHandlerContext) {
    stop()
  }

  func channelActive(context: ChannelHandlerContext) {
    start(on: context.channel)
    context.fireChannelActive()
  }

  func channelInactive(context: ChannelHandlerContext) {
    stop()
    context.fireChannelInactive()
  }

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    if case .end = unwrapInboundIn(data) { stop() }
    context.fireChannelRead(data)
  }

  func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
    if case .end = unwrapOutboundIn(data) { start(on: context.channel) }
    context.write(data, promise: promise)
  }

  private func start(on channel: any Channel) {
    deadline?.cancel()
    deadline = channel.eventLoop.scheduleTask(in: limit) { channel.close(promise: nil) }
  }

  private func stop() {
    deadline?.cancel()
    deadline = nil
  }
}
