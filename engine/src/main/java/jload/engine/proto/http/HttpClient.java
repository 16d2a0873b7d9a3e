package jload.engine.proto.http;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContentDecompressor;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import jload.engine.proto.ClientTls;
import jload.engine.proto.IoLoops;

/**
 * The run's HTTP/1.1 client: dials connections on the shared event loops (the WebSocket client's), TLS verified
 * unless {@code insecureSkipTLSVerify}. Connections belong to VUs ({@link VuHttp}); this only makes them. Thread-safe.
 */
public final class HttpClient {
    private final IoLoops loops;
    private final SslContext tls;
    private final jload.engine.plan.HttpOptions options;

    public HttpClient(IoLoops loops, boolean insecureSkipTlsVerify, jload.engine.plan.HttpOptions options) {
        this.loops = loops;
        this.tls = ClientTls.create(insecureSkipTlsVerify, options.tlsProtocols(), options.tlsCipherSuites(), options.tlsAuth());
        this.options = options;
    }

    /** The script's HTTP options. */
    jload.engine.plan.HttpOptions options() {
        return options;
    }

    /** "TLSv1.3" → "tls1.3", as k6 names versions (its TLS_1_3 constant, the tls_version tag). */
    static String k6TlsName(String protocol) {
        return protocol == null ? "" : protocol.toLowerCase(java.util.Locale.ROOT).replace("tlsv", "tls");
    }

    /**
     * Dials {@code host:port} for {@code exchange}, taking its connect and TLS instants on the event loop; the future
     * completes with the connection once it can carry a request, or exceptionally with why not.
     */
    CompletableFuture<HttpConnection> connect(HttpExchange exchange, String host, int port, boolean secure, String origin,
                                              Duration connectTimeout, jload.engine.proto.ByteSink sink) {
        CompletableFuture<HttpConnection> ready = new CompletableFuture<>();
        HttpConnection[] made = new HttpConnection[1];
        Bootstrap bootstrap = new Bootstrap()
                .group(loops.forNewChannel())
                .channel(loops.channelType())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.max(1, Math.min(Integer.MAX_VALUE, connectTimeout.toMillis())))
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        HttpConnection c = new HttpConnection(ch, origin);
                        made[0] = c;
                        ch.pipeline().addLast(c.new Wire(sink));
                        if (secure) {
                            SslHandler ssl = tls.newHandler(ch.alloc(), host, port);
                            ch.pipeline().addLast(ssl);
                            ssl.handshakeFuture().addListener(f -> {
                                if (f.isSuccess()) {
                                    exchange.tlsDone = exchange.gotConn = System.nanoTime();
                                    var session = ssl.engine().getSession();
                                    c.tlsVersion = k6TlsName(session.getProtocol());
                                    c.tlsCipherSuite = session.getCipherSuite();
                                    ready.complete(c);
                                } else {
                                    ready.completeExceptionally(f.cause());
                                    ch.close();
                                }
                            });
                        }
                        ch.pipeline().addLast(new HttpClientCodec(), new HttpContentDecompressor(0), c.new Reader());
                    }
                });
        exchange.connectStart = System.nanoTime();
        String dialHost = host;
        int dialPort = port;
        String mapped = options.hosts().get(host);
        if (mapped != null) { // options.hosts: the name is still the Host header and the TLS name
            int colon = mapped.lastIndexOf(':');
            boolean withPort = colon > 0 && mapped.indexOf(':') == colon;
            dialHost = withPort ? mapped.substring(0, colon) : mapped;
            dialPort = withPort ? Integer.parseInt(mapped.substring(colon + 1)) : port;
        }
        bootstrap.connect(dialHost, dialPort).addListener((ChannelFutureListener) f -> {
            Channel ch = f.channel();
            if (!f.isSuccess()) {
                ready.completeExceptionally(f.cause());
                return;
            }
            exchange.connectDone = System.nanoTime();
            if (secure) exchange.tlsStart = exchange.connectDone;
            else {
                exchange.gotConn = exchange.connectDone;
                ready.complete(made[0]);
            }
            if (!ch.isActive()) ready.completeExceptionally(new HttpFailure.PrematureClose());
        });
        return ready;
    }
}
