package jload.engine.proto.ws;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sits in front of Netty's protocol handler to see what it would hide: the upgrade response's
 * status, headers and, for a rejection, body (k6/ws's res.status, res.headers, res.body), and
 * server pings (Netty answers them with a pong itself; the script's 'ping' handler still hears of them).
 */
final class WsHandshakeObserver extends ChannelInboundHandlerAdapter {
    private final WsConnection connection;

    WsHandshakeObserver(WsConnection connection) {
        this.connection = connection;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        connection.tcpConnected();
        ctx.fireChannelActive();
    }

    /** A failed TLS handshake is the connect's failure, of kind tls, whatever closes the channel next. */
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof io.netty.handler.ssl.SslHandshakeCompletionEvent done && !done.isSuccess()) {
            connection.connectFailed(WsErrorKind.TLS, 0, jload.engine.proto.Failures.describe(done.cause()));
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof FullHttpResponse response) {
            Map<String, String> headers = new LinkedHashMap<>();
            response.headers().forEach(h -> headers.merge(h.getKey(), h.getValue(), (a, b) -> a + ", " + b));
            String body = response.status().code() == 101 ? "" : response.content().toString(java.nio.charset.StandardCharsets.UTF_8);
            connection.handshakeResponse(response.status().code(), Map.copyOf(headers), body);
        } else if (msg instanceof PingWebSocketFrame) {
            connection.ping(System.nanoTime());
        }
        ctx.fireChannelRead(msg);
    }
}
