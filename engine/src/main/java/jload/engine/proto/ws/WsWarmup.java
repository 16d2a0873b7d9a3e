package jload.engine.proto.ws;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jload.engine.metrics.BuiltinMetrics;
import jload.engine.metrics.MetricRegistry;
import jload.engine.metrics.TagSet;
import jload.engine.proto.IoLoops;
import jload.engine.proto.Mailbox;

/**
 * Before the test starts: runs the WebSocket client's code — handshakes, text and binary frames,
 * pings, closes — for 2 rounds of 10 connections against an echo on loopback, with metrics that
 * go nowhere. On a cold JVM the first handshakes otherwise pay for class loading and cold code,
 * and jload's own warm-up must not be reported as the target's latency. Measured with the README's
 * first command (20 VUs, loopback sandbox, 2 cores): ws_connecting p95 100–156 ms without it,
 * 15–65 ms with it; the warm-up itself takes ~0.4 s (0.45–0.7 s on one core after 1,000 VU inits).
 *
 * <p>The echo is jload's own Netty server on the run's event loops, or {@code target} when jload
 * started the target itself (the sandbox), which then warms up too. Best effort: a failure or
 * running out of {@code budget} just ends the warm-up.
 */
public final class WsWarmup {
    private static final int CONNECTIONS = 10;
    private static final int ROUNDS = 2;
    private static final int MESSAGES = 4;

    private WsWarmup() {}

    /**
     * @param target an echo endpoint to use instead of jload's own, or null
     * @param then   run after the client's rounds, with the echo still up (the scripts' warm-up), or null
     */
    public static void run(WsClient client, IoLoops loops, URI target, Duration budget, java.util.function.Consumer<URI> then) {
        long deadline = System.nanoTime() + budget.toNanos();
        Channel server = null;
        try {
            URI echo = target;
            if (echo == null) {
                server = echoServer(loops);
                echo = URI.create("ws://127.0.0.1:" + ((InetSocketAddress) server.localAddress()).getPort() + "/");
            }
            MetricRegistry nowhere = new MetricRegistry();
            BuiltinMetrics builtins = new BuiltinMetrics(nowhere);
            for (int round = 0; round < ROUNDS && System.nanoTime() < deadline; round++) {
                Mailbox mailbox = new Mailbox();
                List<WsConnection> open = new ArrayList<>();
                for (int i = 0; i < CONNECTIONS; i++) {
                    open.add(client.connect(echo, WsOptions.defaults(), mailbox,
                            new WsMetrics(nowhere, builtins, TagSet.EMPTY, Map.of(), echo)));
                }
                if (!await(mailbox, CONNECTIONS, WsEvent.Opened.class, deadline)) break;
                int expected = 0;
                for (WsConnection c : open) {
                    if (!c.isOpen()) continue;
                    for (int m = 0; m < MESSAGES; m++) c.send("{\"type\":\"warmup\",\"seq\":" + m + "}");
                    c.send(new byte[] {1, 2, 3});
                    c.ping();
                    expected += MESSAGES + 2;
                }
                if (!awaitAny(mailbox, expected, deadline)) break;
                for (WsConnection c : open) c.close(1000, "");
                if (!await(mailbox, CONNECTIONS, WsEvent.Closed.class, deadline)) break;
            }
            if (then != null) then.accept(echo);
        } catch (RuntimeException | InterruptedException e) {
            if (e instanceof InterruptedException) Thread.currentThread().interrupt();
            // best effort: the test runs the same, with a colder client
        } finally {
            if (server != null) server.close().awaitUninterruptibly(1000);
        }
    }

    private static boolean await(Mailbox mailbox, int count, Class<?> kind, long deadline) throws InterruptedException {
        int seen = 0;
        while (seen < count) {
            Object e = mailbox.take(deadline);
            if (e == null) return false;
            if (kind.isInstance(e)) seen++;
        }
        return true;
    }

    private static boolean awaitAny(Mailbox mailbox, int count, long deadline) throws InterruptedException {
        for (int seen = 0; seen < count; seen++) {
            if (mailbox.take(deadline) == null) return false;
        }
        return true;
    }

    /** A WebSocket echo on 127.0.0.1, any path, on the run's loops. */
    private static Channel echoServer(IoLoops loops) throws InterruptedException {
        return loops.loopbackServer(() -> new io.netty.channel.ChannelHandler[] {new HttpServerCodec(), new HttpObjectAggregator(65536),
                new WebSocketServerProtocolHandler("/", null, true, 65536, false, true),
                new SimpleChannelInboundHandler<WebSocketFrame>() {
                    @Override
                    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
                        if (frame instanceof TextWebSocketFrame || frame instanceof BinaryWebSocketFrame) {
                            ctx.writeAndFlush(frame.retainedDuplicate());
                        }
                    }
                }});
    }
}
