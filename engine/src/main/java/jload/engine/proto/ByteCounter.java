package jload.engine.proto;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;

/**
 * The first handler of a client connection's pipeline (WebSocket, HTTP): counts every byte the connection reads and
 * writes — HTTP heads, WebSocket frame headers, masks, control frames and TLS records included — into
 * {@code data_received}/{@code data_sent}, as k6 counts at its network connection.
 */
public class ByteCounter extends ChannelDuplexHandler {
    private final ByteSink sink;

    public ByteCounter(ByteSink sink) {
        this.sink = sink;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf b && b.isReadable()) sink.received(b.readableBytes());
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof ByteBuf b && b.isReadable()) sink.sent(b.readableBytes());
        ctx.write(msg, promise);
    }
}
