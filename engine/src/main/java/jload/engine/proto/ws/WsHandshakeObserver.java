package jload.engine.proto.ws;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sits in front of Netty's protocol handler to see what it would hide: the upgrade response's
 * status and headers (k6's res.status and res.headers), and server pings (Netty answers them
 * with a pong itself; the script's 'ping' handler still hears of them).
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

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof FullHttpResponse response) {
            Map<String, String> headers = new LinkedHashMap<>();
            response.headers().forEach(h -> headers.merge(h.getKey(), h.getValue(), (a, b) -> a + ", " + b));
            connection.handshakeResponse(response.status().code(), Map.copyOf(headers));
        } else if (msg instanceof PingWebSocketFrame) {
            connection.ping(System.nanoTime());
        }
        ctx.fireChannelRead(msg);
    }
}
