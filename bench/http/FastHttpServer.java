// A fast HTTP/1.1 server for bench/http/run.sh: Netty, keep-alive, answers every request with 202 and a small JSON
// body ({"id":N,"status":"queued"}, as the sandbox's /ingest does), so the client side is what is measured.
// GET /stats answers {"requests": N} (not counted). Prints "LISTENING <port>" when it accepts connections.
//
//   java -cp "engine/target/dist/lib/*" bench/http/FastHttpServer.java [--port 0] [--threads 1]
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

public final class FastHttpServer {
    public static void main(String[] args) throws Exception {
        int port = 0, threads = 1;
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (args[i].equals("--port")) port = Integer.parseInt(args[i + 1]);
            if (args[i].equals("--threads")) threads = Integer.parseInt(args[i + 1]);
        }
        boolean epoll = Epoll.isAvailable();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(threads, epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        AtomicLong requests = new AtomicLong();
        Channel server = new ServerBootstrap().group(group)
                .channel(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1 << 20), new SimpleChannelInboundHandler<FullHttpRequest>() {
                            @Override
                            protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
                                String body;
                                HttpResponseStatus status;
                                if (req.uri().startsWith("/stats")) {
                                    body = "{\"requests\":" + requests.get() + "}";
                                    status = HttpResponseStatus.OK;
                                } else {
                                    body = "{\"id\":" + requests.incrementAndGet() + ",\"status\":\"queued\"}";
                                    status = HttpResponseStatus.ACCEPTED;
                                }
                                var res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
                                res.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
                                HttpUtil.setContentLength(res, res.content().readableBytes());
                                HttpUtil.setKeepAlive(res, HttpUtil.isKeepAlive(req));
                                ctx.writeAndFlush(res);
                            }
                        });
                    }
                })
                .bind("127.0.0.1", port).sync().channel();
        System.out.println("LISTENING " + ((InetSocketAddress) server.localAddress()).getPort());
        server.closeFuture().sync();
    }
}
