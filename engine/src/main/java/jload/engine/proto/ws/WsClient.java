package jload.engine.proto.ws;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.extensions.compression.WebSocketClientCompressionHandler;
import io.netty.handler.ssl.SslContext;
import java.net.URI;
import jload.engine.proto.IoLoops;
import jload.engine.proto.Mailbox;

/**
 * Opens VU WebSockets on the run's shared event loops ({@link IoLoops}): no platform thread per
 * connection; a VU's sockets live on its home loop. Handlers on the loops never run script code;
 * they timestamp frames and post them to the owning VU's {@link Mailbox}.
 */
public final class WsClient {
    private final IoLoops loops;
    private final SslContext tls;

    /** @param insecureSkipTlsVerify accept any server certificate (--insecure-skip-tls-verify) */
    public WsClient(IoLoops loops, boolean insecureSkipTlsVerify) {
        this(loops, insecureSkipTlsVerify, java.util.List.of(), java.util.List.of(), java.util.List.of());
    }

    /** With the script's TLS versions and cipher suites (k6's tlsVersion, tlsCipherSuites apply to every VU connection). */
    public WsClient(IoLoops loops, boolean insecureSkipTlsVerify, java.util.List<String> tlsProtocols, java.util.List<String> tlsCipherSuites,
                    java.util.List<jload.engine.proto.ClientCertificates.Entry> tlsAuth) {
        this.loops = loops;
        this.tls = jload.engine.proto.ClientTls.create(insecureSkipTlsVerify, tlsProtocols, tlsCipherSuites, tlsAuth);
    }

    /**
     * Starts opening a WebSocket and returns at once; the connection posts {@link WsEvent.Opened}
     * (success or failure), then its frames, then {@link WsEvent.Closed}, to {@code mailbox}.
     *
     * @throws IllegalArgumentException for a URL that is not ws:// or wss://
     */
    public WsConnection connect(URI uri, WsOptions options, Mailbox mailbox, WsMetrics metrics) {
        return connect(uri, options, mailbox, metrics, null);
    }

    /** {@link #connect(URI, WsOptions, Mailbox, WsMetrics)} with {@code hook} seeing text frames first, from before the dial. */
    public WsConnection connect(URI uri, WsOptions options, Mailbox mailbox, WsMetrics metrics, LoopHook hook) {
        String problem = WsUrls.problem(uri);
        if (problem != null) throw new IllegalArgumentException("'" + WsUrls.redacted(uri) + "': " + problem);
        boolean secure = uri.getScheme().equalsIgnoreCase("wss");
        int port = WsUrls.port(uri);
        WsConnection connection = new WsConnection(uri, mailbox, metrics);
        if (hook != null) connection.answerOnLoop(hook);

        HttpHeaders headers = new DefaultHttpHeaders();
        options.headers().forEach(headers::add);
        // ws://user:password@host/…: the credentials go as Basic auth on the upgrade (unless the script
        // set its own Authorization), never into a tag, a message or the request line.
        if (uri.getRawUserInfo() != null && !headers.contains(io.netty.handler.codec.http.HttpHeaderNames.AUTHORIZATION)) {
            String credentials = uri.getUserInfo().contains(":") ? uri.getUserInfo() : uri.getUserInfo() + ":"; // RFC 7617
            headers.add(io.netty.handler.codec.http.HttpHeaderNames.AUTHORIZATION, "Basic "
                    + java.util.Base64.getEncoder().encodeToString(credentials.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
                .webSocketUri(uri)
                .subprotocol(options.subprotocols().isEmpty() ? null : String.join(",", options.subprotocols()))
                .customHeaders(headers)
                .allowExtensions(true)
                .maxFramePayloadLength(options.maxMessageSize())
                // k6 semantics: the script sees close frames and pongs; no Origin unless asked for.
                .handleCloseFrames(false)
                .dropPongFrames(false)
                .generateOriginHeader(false)
                .handshakeTimeoutMillis(options.timeout().toMillis())
                .build();

        Bootstrap bootstrap = new Bootstrap()
                .group(loops.forNewChannel())
                .channel(loops.channelType())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, options.timeout().toMillis()))
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        // Here, not in the connect listener: that may run after the handshake completed.
                        connection.attach(ch);
                        // The connect is timed from here, on the loop, just before it dials: the wait for
                        // the loop (busy with other VUs' scripts) before that is jload's, not the target's.
                        connection.started();
                        ChannelPipeline p = ch.pipeline();
                        p.addLast(new jload.engine.proto.ByteCounter(metrics));
                        if (secure) p.addLast(tls.newHandler(ch.alloc(), uri.getHost(), port));
                        p.addLast(new HttpClientCodec());
                        p.addLast(new HttpObjectAggregator(64 * 1024));
                        if (options.compression()) p.addLast(new WebSocketClientCompressionHandler(options.maxMessageSize()));
                        p.addLast(new WsHandshakeObserver(connection));
                        p.addLast(new WebSocketClientProtocolHandler(config));
                        p.addLast(new WebSocketFrameAggregator(options.maxMessageSize()));
                        p.addLast(new WsFrameHandler(connection, options.maxMessageSize()));
                    }
                });
        ChannelFuture f = bootstrap.connect(uri.getHost(), port);
        f.addListener(done -> {
            if (!done.isSuccess()) {
                connection.connectFailed(WsErrorKind.ofConnectFailure(done.cause()), 0, uri.getHost() + ":" + port + ": " + jload.engine.proto.Failures.describe(done.cause()));
            }
        });
        return connection;
    }

    /** {@link #connect} with the socket's metrics tagged from the VU's tags (see {@link WsMetrics}). */
    public WsConnection connect(URI uri, WsOptions options, Mailbox mailbox, jload.engine.metrics.MetricRegistry registry,
                                jload.engine.metrics.BuiltinMetrics builtins, jload.engine.metrics.TagSet vuTags) {
        return connect(uri, options, mailbox, registry, builtins, vuTags, null);
    }

    /** The same, with a {@link LoopHook} installed before the dial. */
    public WsConnection connect(URI uri, WsOptions options, Mailbox mailbox, jload.engine.metrics.MetricRegistry registry,
                                jload.engine.metrics.BuiltinMetrics builtins, jload.engine.metrics.TagSet vuTags, LoopHook hook) {
        return connect(uri, options, mailbox, new WsMetrics(registry, builtins, vuTags, options.tags(), uri), hook);
    }
}
