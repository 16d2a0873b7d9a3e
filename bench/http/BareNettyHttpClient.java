// A bare, pure-callback Netty 4.2 HTTP/1.1 client: the limit bench/http/run.sh compares jload's k6/http with. No JS,
// no VUs, no metrics: CONCURRENCY keep-alive connections, each a closed loop that POSTs a small JSON message (a
// random user, channel and content, as seed 002's messages) and sends the next when the response's last byte arrives,
// until MESSAGES responses in all. The same pipeline as jload's client (HttpClientCodec, HttpContentDecompressor) on
// the same kind of event loops. Prints one JSON line: responses, non-202 answers, wall ms.
//
//   java -cp "engine/target/dist/lib/*" bench/http/BareNettyHttpClient.java --url http://127.0.0.1:PORT/ingest \
//        --concurrency 50 --messages 50000
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContentDecompressor;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

public final class BareNettyHttpClient {
    public static void main(String[] args) throws Exception {
        String url = null;
        int concurrency = 50;
        long messages = 50_000;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--url" -> url = args[i + 1];
                case "--concurrency" -> concurrency = Integer.parseInt(args[i + 1]);
                case "--messages" -> messages = Long.parseLong(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown " + args[i]);
            }
        }
        URI uri = URI.create(url);
        boolean epoll = Epoll.isAvailable();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(Runtime.getRuntime().availableProcessors(),
                Thread.ofPlatform().daemon().name("bare-http-", 0).factory(), epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        AtomicLong started = new AtomicLong(), done = new AtomicLong(), unexpected = new AtomicLong();
        long total = messages;
        CountDownLatch finished = new CountDownLatch(1);
        long t0 = System.nanoTime();
        for (int c = 0; c < concurrency; c++) {
            new Bootstrap().group(group).channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
                    .option(ChannelOption.TCP_NODELAY, true)
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new HttpClientCodec(), new HttpContentDecompressor(0), new SimpleChannelInboundHandler<HttpObject>() {
                                @Override
                                public void channelActive(ChannelHandlerContext ctx) {
                                    next(ctx.channel());
                                }

                                @Override
                                protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
                                    if (msg instanceof HttpResponse r && r.status().code() != 202) unexpected.incrementAndGet();
                                    if (msg instanceof LastHttpContent) {
                                        if (done.incrementAndGet() >= total) finished.countDown();
                                        next(ctx.channel());
                                    }
                                }

                                private void next(Channel ch) {
                                    if (started.incrementAndGet() > total) return;
                                    ThreadLocalRandom r = ThreadLocalRandom.current();
                                    String body = "{\"user_id\":" + r.nextInt(1, 10_001) + ",\"channel_id\":" + r.nextInt(1, 101)
                                            + ",\"content\":\"load test message " + r.nextLong() + "\"}";
                                    var req = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, uri.getRawPath(),
                                            Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
                                    req.headers().set(HttpHeaderNames.HOST, uri.getHost() + ":" + uri.getPort())
                                            .set(HttpHeaderNames.CONTENT_TYPE, "application/json")
                                            .set(HttpHeaderNames.CONTENT_LENGTH, req.content().readableBytes())
                                            .set(HttpHeaderNames.USER_AGENT, "bare").set(HttpHeaderNames.ACCEPT_ENCODING, "gzip, deflate");
                                    ch.writeAndFlush(req);
                                }
                            });
                        }
                    }).connect(uri.getHost(), uri.getPort());
        }
        finished.await();
        long wallMs = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("{\"responses\":" + done.get() + ",\"unexpected\":" + unexpected.get() + ",\"wall_ms\":" + wallMs + "}");
        group.shutdownGracefully().sync();
    }
}
