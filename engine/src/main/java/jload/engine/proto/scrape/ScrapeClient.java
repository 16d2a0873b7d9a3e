package jload.engine.proto.scrape;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslContext;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import jload.engine.proto.ClientTls;
import jload.engine.proto.IoLoops;

/**
 * One-shot HTTP/1.1 GETs of metrics pages on the run's event loops: a connection per scrape, closed after the answer
 * (a scrape is rare; keeping connections would pin a loop's channel for nothing). Credentials in the URL go as Basic
 * auth and are never part of an error. Thread-safe.
 */
public final class ScrapeClient {
    /** A metrics page larger than this is refused: a scrape is not a download. */
    static final int MAX_BODY = 16 * 1024 * 1024;

    private final IoLoops loops;
    private final SslContext tls;

    public ScrapeClient(IoLoops loops, boolean insecureSkipTlsVerify) {
        this.loops = loops;
        this.tls = ClientTls.create(insecureSkipTlsVerify);
    }

    /** The answer: its status, Content-Type (or "") and body. */
    public record Response(int status, String contentType, String body) {}

    /**
     * Starts the GET; the future completes with the answer, or exceptionally ({@link TimeoutException} after
     * {@code timeout}, or the connect's or the read's failure).
     */
    public CompletableFuture<Response> get(URI uri, Map<String, String> headers, Duration timeout) {
        CompletableFuture<Response> result = new CompletableFuture<>();
        boolean secure = "https".equalsIgnoreCase(uri.getScheme());
        int port = uri.getPort() > 0 ? uri.getPort() : secure ? 443 : 80;
        String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        DefaultFullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, path);
        request.headers().set(HttpHeaderNames.HOST, uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : ""))
                .set(HttpHeaderNames.ACCEPT, "text/plain;version=0.0.4;q=1,application/json;q=0.9,*/*;q=0.1")
                .set(HttpHeaderNames.USER_AGENT, "jload")
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        if (uri.getRawUserInfo() != null) {
            String credentials = uri.getUserInfo().contains(":") ? uri.getUserInfo() : uri.getUserInfo() + ":";
            request.headers().set(HttpHeaderNames.AUTHORIZATION, "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        headers.forEach((k, v) -> request.headers().set(k, v));

        Bootstrap bootstrap = new Bootstrap()
                .group(loops.forNewChannel())
                .channel(loops.channelType())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis())))
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (secure) ch.pipeline().addLast(tls.newHandler(ch.alloc(), uri.getHost(), port));
                        ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(MAX_BODY), new Answer(result));
                        var deadline = ch.eventLoop().schedule(() -> {
                            if (result.completeExceptionally(new TimeoutException("no answer within " + timeout.toMillis() + " ms"))) ch.close();
                        }, timeout.toNanos(), TimeUnit.NANOSECONDS);
                        result.whenComplete((r, e) -> deadline.cancel(false));
                    }
                });
        bootstrap.connect(uri.getHost(), port).addListener((io.netty.channel.ChannelFutureListener) f -> {
            if (!f.isSuccess()) result.completeExceptionally(f.cause());
            else f.channel().writeAndFlush(request);
        });
        return result;
    }

    /** Completes the scrape with the aggregated answer, or with why none came. */
    private static final class Answer extends SimpleChannelInboundHandler<FullHttpResponse> {
        private final CompletableFuture<Response> result;

        Answer(CompletableFuture<Response> result) {
            this.result = result;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
            String type = response.headers().get(HttpHeaderNames.CONTENT_TYPE, "");
            result.complete(new Response(response.status().code(), type, response.content().toString(StandardCharsets.UTF_8)));
            ctx.close();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            result.completeExceptionally(new java.io.IOException("the connection closed before the answer was complete"));
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            result.completeExceptionally(cause);
            ctx.close();
        }
    }
}
