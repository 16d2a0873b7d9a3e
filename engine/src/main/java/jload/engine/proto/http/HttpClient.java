package jload.engine.proto.http;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import jload.engine.proto.ClientTls;
import jload.engine.proto.IoLoops;

/**
 * The run's HTTP client (HTTP/1.1, and HTTP/2 where a TLS server offers it): dials connections on the shared event loops (the WebSocket client's), TLS verified
 * unless {@code insecureSkipTLSVerify}. Connections belong to VUs ({@link VuHttp}); this only makes them. Thread-safe.
 */
public final class HttpClient {
    private final IoLoops loops;
    private final SslContext tls;
    private final jload.engine.plan.HttpOptions options;

    public HttpClient(IoLoops loops, boolean insecureSkipTlsVerify, jload.engine.plan.HttpOptions options) {
        this(loops, insecureSkipTlsVerify, options, http2Disabled(System.getenv("GODEBUG")) ? List.of(ApplicationProtocolNames.HTTP_1_1)
                : List.of(ApplicationProtocolNames.HTTP_2, ApplicationProtocolNames.HTTP_1_1));
    }

    /** @param alpn the protocols offered to TLS servers, preferred first */
    HttpClient(IoLoops loops, boolean insecureSkipTlsVerify, jload.engine.plan.HttpOptions options, List<String> alpn) {
        this.loops = loops;
        this.tls = ClientTls.create(insecureSkipTlsVerify, options.tlsProtocols(), options.tlsCipherSuites(), options.tlsAuth(), alpn);
        this.options = options;
    }

    /** k6's switch for HTTP/1.1 only: {@code GODEBUG=http2client=0} in the environment (its Runner.forceHTTP1). */
    static boolean http2Disabled(String godebug) {
        if (godebug == null) return false;
        for (String setting : godebug.split(",")) {
            if (setting.equals("http2client=0")) return true;
        }
        return false;
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
     * completes with the connection once it can carry a request, or exceptionally with why not. Over TLS the protocol
     * is HTTP/2 when the server chooses it by ALPN, else HTTP/1.1; plain HTTP is always HTTP/1.1 (no h2c, as Go).
     */
    CompletableFuture<HttpConnection> connect(HttpExchange exchange, String host, int port, boolean secure, String origin,
                                              Duration connectTimeout, jload.engine.proto.ByteSink sink) {
        CompletableFuture<HttpConnection> ready = new CompletableFuture<>();
        Bootstrap bootstrap = new Bootstrap()
                .group(loops.forNewChannel())
                .channel(loops.channelType())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.max(1, Math.min(Integer.MAX_VALUE, connectTimeout.toMillis())))
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        Wire wire = new Wire(sink);
                        ch.pipeline().addLast(wire);
                        if (!secure) {
                            wire.connection = new Http1Connection(ch, origin);
                            return;
                        }
                        SslHandler ssl = tls.newHandler(ch.alloc(), host, port);
                        ch.pipeline().addLast(ssl, new ApplicationProtocolNegotiationHandler(ApplicationProtocolNames.HTTP_1_1) {
                            @Override
                            protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
                                exchange.tlsDone = exchange.gotConn = System.nanoTime();
                                HttpConnection c = protocol.equals(ApplicationProtocolNames.HTTP_2)
                                        ? new Http2Connection(ch, origin) : new Http1Connection(ch, origin);
                                var session = ssl.engine().getSession();
                                c.tlsVersion = k6TlsName(session.getProtocol());
                                c.tlsCipherSuite = session.getCipherSuite();
                                wire.connection = c;
                                ready.complete(c);
                            }

                            @Override
                            protected void handshakeFailure(ChannelHandlerContext ctx, Throwable cause) {
                                ready.completeExceptionally(cause);
                                ctx.close();
                            }

                            @Override
                            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                                ready.completeExceptionally(cause); // protocol code never logs: the exchange reports it
                                ctx.close();
                            }
                        });
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
                ready.complete(((Wire) ch.pipeline().first()).connection);
            }
            if (!ch.isActive()) ready.completeExceptionally(new HttpFailure.PrematureClose());
        });
        return ready;
    }
}
