package jload.engine.proto.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;

/**
 * One keep-alive HTTP/1.1 connection of a VU: one exchange at a time. Its pipeline is {@link Wire} (bytes counted,
 * the first response byte marked), TLS when https, Netty's codec and decompressor, then {@link Reader}.
 */
final class HttpConnection {
    final Channel channel;
    final String origin;
    /** The exchange under way; the event loop's. */
    private HttpExchange current;
    /** Whether the last response allowed the connection to be used again. */
    private volatile boolean reusable;
    /** Set once its TLS handshake is done; empty over plain HTTP. */
    volatile String tlsVersion = "", tlsCipherSuite = "";

    HttpConnection(Channel channel, String origin) {
        this.channel = channel;
        this.origin = origin;
    }

    /** Writes the exchange's request, on the event loop; the exchange's instants are taken there. */
    void send(HttpExchange exchange) {
        channel.eventLoop().execute(() -> {
            // A kept connection is "got" when its loop takes the request: the hop from the VU to the loop is
            // waiting for the connection (blocked), not sending.
            if (exchange.reused) exchange.gotConn = System.nanoTime();
            if (!channel.isActive()) {
                exchange.fail(HttpFailure.of(new HttpFailure.PrematureClose(), false));
                return;
            }
            current = exchange;
            reusable = false;
            exchange.tlsVersion = tlsVersion;
            exchange.tlsCipherSuite = tlsCipherSuite;
            var addr = channel.remoteAddress();
            if (addr instanceof java.net.InetSocketAddress a) {
                exchange.remoteIp = a.getAddress() == null ? a.getHostString() : a.getAddress().getHostAddress();
                exchange.remotePort = a.getPort();
            }
            channel.writeAndFlush(exchange.request).addListener((ChannelFutureListener) f -> {
                if (f.isSuccess()) exchange.wroteRequest = System.nanoTime();
                else {
                    exchange.fail(HttpFailure.of(f.cause(), false));
                    f.channel().close();
                }
            });
        });
    }

    boolean isReusable() {
        return reusable && channel.isActive();
    }

    void close() {
        channel.close();
    }

    /** The first handler: counts every byte read and written (TLS records included), and marks the first response byte. */
    final class Wire extends jload.engine.proto.ByteCounter {
        Wire(jload.engine.proto.ByteSink sink) {
            super(sink);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof ByteBuf b && b.isReadable()) {
                HttpExchange e = current;
                if (e != null) e.firstByte();
            }
            super.channelRead(ctx, msg);
        }
    }

    /** The last handler: the response's head, body and end go to the exchange under way. */
    final class Reader extends SimpleChannelInboundHandler<HttpObject> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
            HttpExchange e = current;
            if (e == null) return; // nothing asked: a server's stray bytes
            if (msg.decoderResult().isFailure()) {
                e.fail(HttpFailure.of(msg.decoderResult().cause(), false));
                ctx.close();
                return;
            }
            if (msg instanceof HttpResponse r) {
                if (r.status().code() == 100) return; // 100 Continue: the real response follows
                e.head = r;
            }
            if (msg instanceof HttpContent c) e.content(c.content());
            if (msg instanceof LastHttpContent last && e.head != null) {
                e.trailing = last.trailingHeaders();
                reusable = HttpUtil.isKeepAlive(e.head) && HttpUtil.isKeepAlive(e.request);
                current = null;
                e.succeed();
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            reusable = false;
            HttpExchange e = current;
            current = null;
            if (e != null) e.fail(HttpFailure.of(new HttpFailure.PrematureClose(), false));
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            reusable = false;
            HttpExchange e = current;
            current = null;
            if (e != null) e.fail(HttpFailure.of(cause, false));
            ctx.close();
        }
    }
}
