package jload.engine.proto.ws;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;

/** Turns what the socket delivers into the connection's events, on the event loop. Never runs script code. */
final class WsFrameHandler extends SimpleChannelInboundHandler<WebSocketFrame> {
    private final WsConnection connection;
    private final int maxMessageSize;

    WsFrameHandler(WsConnection connection, int maxMessageSize) {
        this.connection = connection;
        this.maxMessageSize = maxMessageSize;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        switch (frame) {
            case TextWebSocketFrame text -> connection.text(text.text());
            case BinaryWebSocketFrame binary -> connection.binary(ByteBufUtil.getBytes(binary.content()));
            case PongWebSocketFrame pong -> connection.pong(pong.content().toString(java.nio.charset.StandardCharsets.US_ASCII));
            case CloseWebSocketFrame close -> connection.closeFrame(close.statusCode(), close.reasonText());
            default -> { } // pings are answered by Netty and reported by WsHandshakeObserver
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt == ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
            connection.opened();
        } else if (evt == ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
            connection.connectFailed(WsErrorKind.TIMEOUT, 0, "handshake timed out");
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof WebSocketClientHandshakeException h) {
            int status = h.response() != null ? h.response().status().code() : connection.status();
            connection.connectFailed(status > 0 && status != 101 ? WsErrorKind.HANDSHAKE_STATUS : WsErrorKind.PROTOCOL, status,
                    jload.engine.proto.Failures.describe(cause));
            ctx.close();
        } else if (isTooBig(cause)) {
            connection.failed(WsErrorKind.MESSAGE_TOO_BIG, "a message larger than maxMessageSize (" + maxMessageSize
                    + " bytes) arrived; jload closed the connection with 1009", true);
            connection.closeAfterFailure(1009);
        } else if (WsErrorKind.ofConnectFailure(cause) == WsErrorKind.TLS) {
            connection.failed(WsErrorKind.TLS, jload.engine.proto.Failures.describe(cause), true);
            ctx.close();
        } else if (cause instanceof java.io.IOException) {
            connection.failed(WsErrorKind.ABNORMAL_CLOSE, jload.engine.proto.Failures.describe(cause), false);
            ctx.close();
        } else {
            connection.failed(WsErrorKind.PROTOCOL, jload.engine.proto.Failures.describe(cause), true);
            connection.closeAfterFailure(1002);
        }
    }

    /** A single frame over the limit (Netty's decoder) or fragments adding up to more (the aggregator). */
    private static boolean isTooBig(Throwable cause) {
        return cause instanceof io.netty.handler.codec.TooLongFrameException
                || cause instanceof io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException c
                        && c.closeStatus() == io.netty.handler.codec.http.websocketx.WebSocketCloseStatus.MESSAGE_TOO_BIG;
    }
}
