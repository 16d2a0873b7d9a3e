package jload.engine.proto.ws;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;

/**
 * The first handler of a WebSocket's pipeline: counts every byte the connection reads and writes
 * — the HTTP upgrade, frame headers, masks, control frames and TLS records included — into
 * {@code data_received}/{@code data_sent}, as k6 counts at its network connection.
 */
final class WsByteCounter extends ChannelDuplexHandler {
    private final WsMetrics metrics;

    WsByteCounter(WsMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf b && b.isReadable()) metrics.bytesReceived(b.readableBytes());
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof ByteBuf b && b.isReadable()) metrics.bytesSent(b.readableBytes());
        ctx.write(msg, promise);
    }
}
