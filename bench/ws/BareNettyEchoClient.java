// A bare, pure-callback Netty 4.2 WebSocket echo client: the baseline that jload's bench/ws/echo.js is
// compared with (bench/ws/run.sh). No JS, no VUs, no metrics registry: per connection, a handler sends
// a 100-byte text message, and on its echo records the round trip and schedules the next send INTERVAL
// later on its event loop. Same pipeline and event-loop setup as jload's WsClient.
//
//   java -cp "engine/target/dist/lib/*" bench/ws/BareNettyEchoClient.java \
//        --url ws://127.0.0.1:PORT/ws/echo --connections 1000 --interval-ms 1000 \
//        --ramp-ms 5000 --warmup-s 20 --measure-s 40 --hold-s 15
//
// Timeline (from T0, when the first connect starts; printed as "BENCH_T0 <epoch ms>" on stdout):
//   [0, ramp)            connections open, evenly spread; each starts its send loop when its
//                        handshake completes
//   [warmup, +measure)   the measured window: echoes received, their RTT (HdrHistogram), process CPU
//   [warmup+measure, +hold)  no more sends: idle open connections (bench/ws/run.sh takes its heap
//                        figures with jcmd here)
//   then                 System.gc() x2, heap used; prints one JSON line on stdout; closes; exits.
// Progress and errors go to stderr.
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.util.concurrent.EventExecutor;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

public final class BareNettyEchoClient {
    static final int MESSAGE_BYTES = 100;

    // Timeline, System.nanoTime() based; set once before the first connect.
    static long t0Nanos, windowStartNanos, windowEndNanos, intervalNanos;

    // Per event-loop state (each loop only touches its own; read by main via tasks on the loop).
    static final class LoopStats {
        final Histogram window = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        final Histogram all = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        long windowEchoes, allEchoes, sent;
    }

    static final Map<Thread, LoopStats> STATS = new java.util.concurrent.ConcurrentHashMap<>();
    static final ThreadLocal<LoopStats> LOCAL = ThreadLocal.withInitial(() -> {
        LoopStats s = new LoopStats();
        STATS.put(Thread.currentThread(), s);
        return s;
    });
    static final AtomicLong opened = new AtomicLong(), failed = new AtomicLong(), closedEarly = new AtomicLong();
    static final ConcurrentLinkedQueue<Channel> channels = new ConcurrentLinkedQueue<>();

    /** One connection's closed loop: send → echo → wait interval → send, all on its event loop. */
    static final class EchoHandler extends SimpleChannelInboundHandler<WebSocketFrame> {
        private final byte[] payload;
        private long sentAt;
        private boolean outstanding;

        EchoHandler(byte[] payload) {
            this.payload = payload;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
            if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
                opened.incrementAndGet();
                channels.add(ctx.channel());
                send(ctx);
            } else if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
                failed.incrementAndGet();
            }
            super.userEventTriggered(ctx, evt);
        }

        private void send(ChannelHandlerContext ctx) {
            if (!ctx.channel().isActive()) return;
            if (System.nanoTime() - windowEndNanos >= 0) return; // idle from the end of the window
            ByteBuf buf = ctx.alloc().buffer(payload.length).writeBytes(payload);
            outstanding = true;
            sentAt = System.nanoTime(); // before the write, as jload stamps ws_rtt
            LOCAL.get().sent++;
            ctx.writeAndFlush(new TextWebSocketFrame(buf));
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
            if (!(frame instanceof TextWebSocketFrame) || !outstanding) return;
            long now = System.nanoTime();
            outstanding = false;
            long rtt = now - sentAt;
            LoopStats s = LOCAL.get();
            s.all.recordValue(Math.min(rtt, s.all.getHighestTrackableValue()));
            s.allEchoes++;
            if (now - windowStartNanos >= 0 && now - windowEndNanos < 0) {
                s.window.recordValue(Math.min(rtt, s.window.getHighestTrackableValue()));
                s.windowEchoes++;
            }
            ctx.executor().schedule(() -> send(ctx), intervalNanos, TimeUnit.NANOSECONDS);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            if (System.nanoTime() - windowEndNanos < 0) closedEarly.incrementAndGet();
            super.channelInactive(ctx);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            failed.incrementAndGet();
            System.err.println("bare: connection error: " + cause);
            ctx.close();
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) a.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        URI uri = URI.create(a.getOrDefault("url", "ws://127.0.0.1:8080/ws/echo"));
        int n = Integer.parseInt(a.getOrDefault("connections", "100"));
        long intervalMs = Long.parseLong(a.getOrDefault("interval-ms", "1000"));
        long rampMs = Long.parseLong(a.getOrDefault("ramp-ms", "5000"));
        double warmupS = Double.parseDouble(a.getOrDefault("warmup-s", "20"));
        double measureS = Double.parseDouble(a.getOrDefault("measure-s", "40"));
        double holdS = Double.parseDouble(a.getOrDefault("hold-s", "10"));
        int threads = Integer.parseInt(a.getOrDefault("threads", String.valueOf(Runtime.getRuntime().availableProcessors())));

        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(threads,
                Thread.ofPlatform().daemon().name("bare-ws-", 0).factory(), io);
        Class<? extends SocketChannel> channelType = epoll ? EpollSocketChannel.class : NioSocketChannel.class;
        int port = uri.getPort() > 0 ? uri.getPort() : 80;

        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        intervalNanos = TimeUnit.MILLISECONDS.toNanos(intervalMs);
        t0Nanos = System.nanoTime();
        windowStartNanos = t0Nanos + (long) (warmupS * 1e9);
        windowEndNanos = windowStartNanos + (long) (measureS * 1e9);
        long t0Epoch = System.currentTimeMillis();
        System.out.println("BENCH_T0 " + t0Epoch);
        System.out.flush();

        // Ramp: connect i at T0 + i * ramp / n.
        for (int i = 0; i < n; i++) {
            long due = t0Nanos + (n <= 1 ? 0 : rampMs * 1_000_000L * i / n);
            long wait;
            while ((wait = due - System.nanoTime()) > 0) LockSupport.parkNanos(wait);
            byte[] payload = (i + 1 + ":").concat(".".repeat(MESSAGE_BYTES)).substring(0, MESSAGE_BYTES)
                    .getBytes(StandardCharsets.US_ASCII);
            WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
                    .webSocketUri(uri)
                    .allowExtensions(true)
                    .maxFramePayloadLength(16 * 1024 * 1024)
                    .handleCloseFrames(false)
                    .dropPongFrames(false)
                    .generateOriginHeader(false)
                    .handshakeTimeoutMillis(10_000)
                    .build();
            new Bootstrap().group(group).channel(channelType)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
                    .option(ChannelOption.TCP_NODELAY, true)
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(64 * 1024),
                                    new WebSocketClientProtocolHandler(config),
                                    new WebSocketFrameAggregator(16 * 1024 * 1024), new EchoHandler(payload));
                        }
                    })
                    .connect(uri.getHost(), port)
                    .addListener(f -> {
                        if (!f.isSuccess()) {
                            failed.incrementAndGet();
                            System.err.println("bare: connect failed: " + f.cause());
                        }
                    });
        }
        System.err.printf("bare: %d connects started in %.1f s (%s, %d event loop(s))%n", n,
                (System.nanoTime() - t0Nanos) / 1e9, epoll ? "epoll" : "nio", threads);

        sleepUntil(windowStartNanos);
        long cpu0 = os.getProcessCpuTime();
        long echoes0 = total(group, s -> s.allEchoes);
        long openAtStart = opened.get();
        sleepUntil(windowEndNanos);
        long cpu1 = os.getProcessCpuTime();
        long wallNanos = System.nanoTime() - windowStartNanos;
        long echoes1 = total(group, s -> s.allEchoes);
        System.err.printf("bare: window done: %d echoes, %d open, %d failed%n", echoes1 - echoes0, opened.get(), failed.get());

        sleepUntil(windowEndNanos + (long) (holdS * 1e9));
        Histogram window = new Histogram(TimeUnit.SECONDS.toNanos(60), 3), all = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        long[] counts = new long[3];
        onEachLoop(group, s -> {
            window.add(s.window);
            all.add(s.all);
            counts[0] += s.windowEchoes;
            counts[1] += s.allEchoes;
            counts[2] += s.sent;
        });
        System.gc();
        System.gc();
        long heapUsed = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();

        long msgs = counts[0];
        double cpuMs = (cpu1 - cpu0) / 1e6;
        StringBuilder j = new StringBuilder("{");
        field(j, "client", "\"bare-netty\"");
        field(j, "connections", n);
        field(j, "opened", opened.get());
        field(j, "openAtWindowStart", openAtStart);
        field(j, "failed", failed.get());
        field(j, "closedEarly", closedEarly.get());
        field(j, "transport", epoll ? "\"epoll\"" : "\"nio\"");
        field(j, "eventLoops", threads);
        field(j, "intervalMs", intervalMs);
        field(j, "windowS", String.format("%.3f", wallNanos / 1e9));
        field(j, "windowMsgs", msgs);
        field(j, "windowMsgsPerS", String.format("%.1f", msgs / (wallNanos / 1e9)));
        field(j, "cpuMsWindow", String.format("%.1f", cpuMs));
        field(j, "cpuMsPer1kMsgs", msgs == 0 ? "null" : String.format("%.2f", cpuMs / msgs * 1000));
        field(j, "rttP50Ms", ms(window.getValueAtPercentile(50)));
        field(j, "rttP90Ms", ms(window.getValueAtPercentile(90)));
        field(j, "rttP99Ms", ms(window.getValueAtPercentile(99)));
        field(j, "rttMaxMs", ms(window.getMaxValue()));
        field(j, "allMsgs", counts[1]);
        field(j, "allSent", counts[2]);
        field(j, "allRttP50Ms", ms(all.getValueAtPercentile(50)));
        field(j, "allRttP99Ms", ms(all.getValueAtPercentile(99)));
        field(j, "heapUsedAfterGcBytes", heapUsed);
        j.setLength(j.length() - 1);
        System.out.println(j.append('}'));
        System.out.flush();

        for (Channel ch : channels) ch.close();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    static String ms(long nanos) {
        return String.format("%.3f", nanos / 1e6);
    }

    static void field(StringBuilder j, String k, Object v) {
        j.append('"').append(k).append("\":").append(v).append(',');
    }

    static void sleepUntil(long nanos) {
        long wait;
        while ((wait = nanos - System.nanoTime()) > 0) LockSupport.parkNanos(wait);
    }

    /** Runs {@code f} on every event loop (in turn, on the loop itself) and waits. */
    static void onEachLoop(EventLoopGroup group, java.util.function.Consumer<LoopStats> f) throws Exception {
        List<io.netty.util.concurrent.Future<?>> done = new ArrayList<>();
        for (EventExecutor e : group) {
            done.add(e.submit(() -> {
                synchronized (BareNettyEchoClient.class) {
                    f.accept(LOCAL.get());
                }
            }));
        }
        for (var d : done) d.get(10, TimeUnit.SECONDS);
    }

    static long total(EventLoopGroup group, java.util.function.ToLongFunction<LoopStats> f) throws Exception {
        long[] sum = new long[1];
        onEachLoop(group, s -> sum[0] += f.applyAsLong(s));
        return sum[0];
    }
}
