package jload.engine.proto.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import jload.engine.metrics.BuiltinMetrics;
import jload.engine.metrics.MetricRegistry;
import jload.engine.metrics.TagSet;
import jload.engine.proto.IoLoops;

/**
 * Before the test starts: runs the HTTP client's code — new and kept connections, GET and POST, the codec and
 * decompressor, the timing and tagging; over plain HTTP, over TLS in HTTP/1.1 and over TLS in HTTP/2 — against small
 * servers of jload's own on loopback, with metrics that go nowhere. On a cold JVM the first requests otherwise pay for
 * class loading and cold code (measured: the first plain request of a run against the loopback sandbox, blocked
 * 304 ms, of it connecting 111 ms; the third 0.07 and 0; the first HTTPS request, TLS handshake 124–133 ms, and over
 * HTTP/2 95 ms more sending). Best effort: a failure or running out of {@code budget} just ends it.
 *
 * <p>The TLS server presents a certificate made for this alone (resources jload/warmup): it is served on 127.0.0.1
 * only, for the warm-up's duration, to a client that skips verification; it authenticates nothing.
 */
public final class HttpWarmup {
    /** Dials per client; each round is a new connection (and over TLS a new handshake). */
    private static final int ROUNDS = 3;
    private static final int REQUESTS = 20;
    /** Fewer requests per TLS round: what is left cold there is the handshake, not the requests (2 × 3 rounds cost ~1 s). */
    private static final int TLS_REQUESTS = 6;

    private HttpWarmup() {}

    public static void run(HttpClient client, IoLoops loops, Duration budget) {
        long deadline = System.nanoTime() + budget.toNanos();
        List<Channel> servers = new java.util.ArrayList<>();
        try {
            Channel plain = loops.loopbackServer(() -> new ChannelHandler[] {new HttpServerCodec(), new HttpObjectAggregator(65536), new Answer()});
            servers.add(plain);
            requests(client, "http://127.0.0.1:" + port(plain), REQUESTS, deadline);
            SslContext serverTls = serverTls();
            Channel secure = loops.loopbackServer(() -> new ChannelHandler[] {serverTls.newHandler(io.netty.buffer.ByteBufAllocator.DEFAULT),
                    new Negotiated()});
            servers.add(secure);
            String base = "https://127.0.0.1:" + port(secure);
            var options = client.options();
            requests(new HttpClient(loops, true, options, List.of(ApplicationProtocolNames.HTTP_2, ApplicationProtocolNames.HTTP_1_1)), base,
                    TLS_REQUESTS, deadline);
            requests(new HttpClient(loops, true, options, List.of(ApplicationProtocolNames.HTTP_1_1)), base, TLS_REQUESTS, deadline);
        } catch (RuntimeException | InterruptedException | javax.net.ssl.SSLException e) {
            if (e instanceof InterruptedException) Thread.currentThread().interrupt();
            // best effort
        } finally {
            servers.forEach(Channel::close);
        }
    }

    private static void requests(HttpClient client, String base, int perRound, long deadline) {
        MetricRegistry nowhere = new MetricRegistry();
        VuHttp http = new VuHttp(() -> client, nowhere, new BuiltinMetrics(nowhere), () -> TagSet.EMPTY, false);
        for (int round = 0; round < ROUNDS && System.nanoTime() < deadline; round++) {
            for (int i = 0; i < perRound && System.nanoTime() < deadline; i++) {
                http.request(i % 2 == 0 ? "GET" : "POST", base + "/warm-up?i=" + i, i % 2 == 0 ? null : "{\"n\":" + i + "}",
                        Map.of("headers", Map.of("Content-Type", "application/json"), "tags", Map.of("name", "warm-up")));
            }
            http.closeAll(); // the next round dials again
        }
    }

    private static int port(Channel server) {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    private static SslContext serverTls() throws javax.net.ssl.SSLException {
        ClassLoader resources = HttpWarmup.class.getClassLoader();
        try (var cert = resources.getResourceAsStream("jload/warmup/cert.pem"); var key = resources.getResourceAsStream("jload/warmup/key.pem")) {
            return SslContextBuilder.forServer(cert, key)
                    .applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                            ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                            ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                            ApplicationProtocolNames.HTTP_2, ApplicationProtocolNames.HTTP_1_1))
                    .build();
        } catch (java.io.IOException e) {
            throw new javax.net.ssl.SSLException("the warm-up certificate is missing from the jar", e);
        }
    }

    /** The TLS server's protocol, as the client chose it by ALPN. */
    private static final class Negotiated extends ApplicationProtocolNegotiationHandler {
        Negotiated() {
            super(ApplicationProtocolNames.HTTP_1_1);
        }

        @Override
        protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
            if (protocol.equals(ApplicationProtocolNames.HTTP_2)) {
                ctx.pipeline().addLast(Http2FrameCodecBuilder.forServer().build(), new Http2MultiplexHandler(new ChannelInitializer<Http2StreamChannel>() {
                    @Override
                    protected void initChannel(Http2StreamChannel stream) {
                        stream.pipeline().addLast(new Http2StreamFrameToHttpObjectCodec(true), new HttpObjectAggregator(65536), new Answer());
                    }
                }));
            } else {
                ctx.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(65536), new Answer());
            }
        }

        @Override
        protected void handshakeFailure(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close(); // best effort, and never logged
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    /** {"ok":true} to every request. */
    private static final class Answer extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            var response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                    Unpooled.copiedBuffer("{\"ok\":true}", StandardCharsets.UTF_8));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
            HttpUtil.setContentLength(response, response.content().readableBytes());
            HttpUtil.setKeepAlive(response, HttpUtil.isKeepAlive(request));
            ctx.writeAndFlush(response);
        }
    }
}
