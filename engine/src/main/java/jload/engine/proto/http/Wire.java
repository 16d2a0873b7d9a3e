package jload.engine.proto.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;

/**
 * The first handler of an HTTP connection: counts every byte read and written (TLS records included) and tells the
 * connection, once it is made, that bytes arrived. Used on the event loop only.
 */
final class Wire extends jload.engine.proto.ByteCounter {
    /** Null until the protocol is settled (after ALPN over TLS). */
    HttpConnection connection;

    Wire(jload.engine.proto.ByteSink sink) {
        super(sink);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (connection != null && msg instanceof ByteBuf b && b.isReadable()) connection.bytesArrived();
        super.channelRead(ctx, msg);
    }
}
