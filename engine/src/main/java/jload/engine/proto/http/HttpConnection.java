package jload.engine.proto.http;

import io.netty.channel.Channel;

/**
 * A connection a VU's requests go over, once its protocol is settled: {@link Http1Connection} (HTTP/1.1, one exchange
 * at a time) or {@link Http2Connection} (HTTP/2 by ALPN, one stream per exchange, many at once).
 */
abstract sealed class HttpConnection permits Http1Connection, Http2Connection {
    final Channel channel;
    final String origin;
    /** The response's {@code proto}, as Go names it: "HTTP/1.1" or "HTTP/2.0". */
    final String proto;
    /** Set once its TLS handshake is done; empty over plain HTTP. */
    volatile String tlsVersion = "", tlsCipherSuite = "";

    HttpConnection(Channel channel, String origin, String proto) {
        this.channel = channel;
        this.origin = origin;
        this.proto = proto;
    }

    /** Writes the exchange's request, on the event loop; the exchange's instants are taken there. */
    abstract void send(HttpExchange exchange);

    /** Whether another request may go over it. */
    abstract boolean isReusable();

    /** Whether it carries several exchanges at once (HTTP/2): it stays in the VU's pool while in use. */
    abstract boolean multiplexed();

    /** Gives up on an exchange that ran out of time: HTTP/1.1 must close the connection; HTTP/2 resets its stream. */
    abstract void abandon(HttpExchange exchange);

    /** Bytes arrived on the wire, before TLS: where HTTP/1.1 marks its exchange's first response byte. */
    void bytesArrived() {}

    /** Closes it; HTTP/2 lets the streams under way finish first (GOAWAY). */
    void close() {
        channel.close();
    }

    /**
     * Writes the exchange's request on {@code channel} (the connection, or its HTTP/2 stream): the write's end is the
     * exchange's {@code wroteRequest}; a failed write fails the exchange and closes that channel.
     */
    static void write(Channel channel, HttpExchange exchange) {
        channel.writeAndFlush(exchange.request).addListener((io.netty.channel.ChannelFutureListener) f -> {
            if (f.isSuccess()) exchange.wroteRequest = System.nanoTime();
            else {
                exchange.fail(HttpFailure.of(f.cause(), false));
                f.channel().close();
            }
        });
    }

    /**
     * Stamps the exchange with what the connection knows, on the event loop, as it takes the request; false (and the
     * exchange failed) when the connection closed meanwhile.
     */
    final boolean take(HttpExchange exchange) {
        // A kept connection is "got" when its loop takes the request: the hop from the VU to the loop is waiting for the
        // connection (blocked), not sending.
        if (exchange.reused) exchange.gotConn = System.nanoTime();
        if (!channel.isActive()) {
            exchange.fail(HttpFailure.of(new HttpFailure.PrematureClose(), false));
            return false;
        }
        exchange.proto = proto;
        exchange.tlsVersion = tlsVersion;
        exchange.tlsCipherSuite = tlsCipherSuite;
        if (channel.remoteAddress() instanceof java.net.InetSocketAddress a) {
            exchange.remoteIp = a.getAddress() == null ? a.getHostString() : a.getAddress().getHostAddress();
            exchange.remotePort = a.getPort();
        }
        return true;
    }
}
