package jload.engine.proto.http;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContentDecompressor;
import io.netty.handler.codec.http.HttpUtil;

/**
 * One keep-alive HTTP/1.1 connection of a VU: one exchange at a time. Its pipeline is {@link Wire} (bytes counted,
 * the first response byte marked), TLS when https, Netty's codec and decompressor, then its {@link ResponseReader}.
 */
final class Http1Connection extends HttpConnection {
    /** The exchange under way; the event loop's. */
    private HttpExchange current;
    /** Whether the last response allowed the connection to be used again. */
    private volatile boolean reusable;

    /** Adds the HTTP/1.1 handlers at the end of the channel's pipeline. */
    Http1Connection(Channel channel, String origin) {
        super(channel, origin, "HTTP/1.1");
        channel.pipeline().addLast(new HttpClientCodec(), new HttpContentDecompressor(0), new Reader());
    }

    @Override
    void send(HttpExchange exchange) {
        channel.eventLoop().execute(() -> {
            if (!take(exchange)) return;
            current = exchange;
            reusable = false;
            write(channel, exchange);
        });
    }

    @Override
    boolean isReusable() {
        return reusable && channel.isActive();
    }

    @Override
    boolean multiplexed() {
        return false;
    }

    @Override
    void abandon(HttpExchange exchange) {
        close(); // the late response would otherwise be read as the next request's
    }

    @Override
    void bytesArrived() {
        HttpExchange e = current;
        if (e != null) e.firstByte();
    }

    private final class Reader extends ResponseReader {
        @Override
        HttpExchange underWay() {
            return current;
        }

        @Override
        void ended(HttpExchange e) {
            reusable = HttpUtil.isKeepAlive(e.head) && HttpUtil.isKeepAlive(e.request);
            current = null;
        }

        @Override
        void lost() {
            reusable = false;
            current = null;
        }
    }
}
