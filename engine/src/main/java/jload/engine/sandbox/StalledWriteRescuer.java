package jload.engine.sandbox;

import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectionKey;
import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.java_websocket.WebSocket;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.server.WebSocketServer;

/**
 * Finds replies that Java-WebSocket queued but stopped trying to write, and gets them written.
 *
 * <p>Why: Java-WebSocket 1.6.0's selector loop leaves a key in the selected set after a write, with its
 * "writable" readiness kept, so it calls its write step on that key at every wake-up; the step ends with
 * {@code interestOps(OP_READ)}. A decoder thread that queues a reply (the connection's {@code outQueue}, then
 * {@code interestOps(OP_READ | OP_WRITE)}) between that step's last look at the queue and that reset loses its
 * write demand: the reply waits for the connection's next write. Seen with {@code bench/ws/wire.sh}: an echo held
 * 5.2 s on the wire, about one message in 6,000 — a stall of the target that a load test would rightly report,
 * except that this target is jload's own.
 *
 * <p>Every {@code period} this looks at each connection; one whose queue starts with the same buffer as at the
 * previous look while its key has no write interest is stalled (a live write demand would have set the interest
 * or written the buffer by then). It re-arms the key, wakes the selector and counts the rescue
 * ({@code sandbox_write_stalls_total}), so a stall costs at most two periods and is never silent.
 */
final class StalledWriteRescuer implements AutoCloseable {
    static final Duration DEFAULT_PERIOD = Duration.ofMillis(20);

    private final WebSocketServer server;
    private final SandboxMetrics metrics;
    private final ScheduledExecutorService scheduler;
    /** Connections whose queue head waited without write interest at the last look; only the scheduler's thread. */
    private Map<WebSocketImpl, ByteBuffer> suspects = new IdentityHashMap<>();

    private StalledWriteRescuer(WebSocketServer server, SandboxMetrics metrics) {
        this.server = server;
        this.metrics = metrics;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sandbox-write-rescuer");
            t.setDaemon(true);
            return t;
        });
    }

    static StalledWriteRescuer start(WebSocketServer server, SandboxMetrics metrics, Duration period) {
        StalledWriteRescuer rescuer = new StalledWriteRescuer(server, metrics);
        long millis = Math.max(1, period.toMillis());
        rescuer.scheduler.scheduleWithFixedDelay(rescuer::look, millis, millis, TimeUnit.MILLISECONDS);
        return rescuer;
    }

    private void look() {
        Map<WebSocketImpl, ByteBuffer> waiting = new IdentityHashMap<>();
        for (WebSocket connection : server.getConnections()) {
            if (!(connection instanceof WebSocketImpl impl)) continue;
            ByteBuffer head = impl.outQueue.peek();
            SelectionKey key = impl.getSelectionKey();
            if (head == null || key == null) continue;
            try {
                if (!key.isValid() || (key.interestOps() & SelectionKey.OP_WRITE) != 0) continue;
                if (suspects.get(impl) == head) {
                    key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
                    key.selector().wakeup();
                    metrics.writeStallRescued();
                } else {
                    waiting.put(impl, head);
                }
            } catch (CancelledKeyException closing) {
                // The connection is going away; its queue goes with it.
            }
        }
        suspects = waiting;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
