package jload.engine.proto.ws;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import jload.WebSocket;
import jload.WebSockets;
import jload.WsConnect;
import jload.engine.exec.VuInterrupted;
import jload.engine.metrics.BuiltinMetrics;
import jload.engine.metrics.MetricRegistry;
import jload.engine.metrics.TagSet;
import jload.engine.proto.Mailbox;

/**
 * One VU's WebSockets for the synchronous API. All its sockets share the VU's mailbox; whichever
 * call is waiting drains every queued event and routes each to its socket, so one wake-up serves
 * them all. Used only by the VU's thread.
 *
 * <p>A socket opened during an iteration is closed (1001, counted in {@code ws_sessions_closed_by_jload})
 * when that iteration ends — normally or by an exception — unless it was opened with
 * {@code persist: true}, or outside an iteration (init, setup): the load the user asked for stays
 * the load applied, even when iterations fail before their {@code close()}.
 */
public final class VuWebSockets implements WebSockets {
    private final Supplier<WsClient> client;
    private final Mailbox mailbox = new Mailbox();
    private final MetricRegistry registry;
    private final BuiltinMetrics builtins;
    private final Supplier<TagSet> vuTags;
    private final long zeroNanos;
    private final Map<WsConnection, SyncWebSocket> sockets = new IdentityHashMap<>();
    private final java.util.function.BiConsumer<String, String> warnOnce;
    private boolean inIteration;
    /** Opened by the running iteration without persist: closed when it ends. */
    private final List<SyncWebSocket> openedThisIteration = new ArrayList<>();
    /** Kept on purpose (persist, or opened outside an iteration), while open. */
    private final List<SyncWebSocket> kept = new ArrayList<>();
    /** How many kept sockets were open after the previous iteration. */
    private int keptAfterLastIteration;

    /**
     * @param vuTags    the VU's tags now (scenario, group, exec.vu.tags, …)
     * @param zeroNanos the test's start, for messages' receivedAt
     */
    public VuWebSockets(Supplier<WsClient> client, MetricRegistry registry, BuiltinMetrics builtins,
                        Supplier<TagSet> vuTags, long zeroNanos, java.util.function.BiConsumer<String, String> warnOnce) {
        this.warnOnce = warnOnce;
        this.client = client;
        this.registry = registry;
        this.builtins = builtins;
        this.vuTags = vuTags;
        this.zeroNanos = zeroNanos;
    }

    @Override
    public WebSocket connect(Map<String, ?> options, String url) {
        return connect(url, WsConnectOptions.from(options));
    }

    @Override
    public WebSocket connect(String url, WsConnect options) {
        return connect(url, options, null).socket();
    }

    /** A socket and the connection under it, for protocols built over WebSocket (Socket.IO). */
    public record Opened(WebSocket socket, WsConnection connection) {}

    /**
     * Connects as {@link #connect(String, WsConnect)} does, with {@code hook} (when not null) seeing
     * every text frame first, on the event loop, from the first frame on; such a socket's expects do
     * not record ws_rtt (the protocol times its own round trips).
     */
    public Opened connect(String url, WsConnect options, LoopHook hook) {
        URI uri = WsUrls.parse(url);
        WsOptions wsOptions = new WsOptions(options.headers(), options.subprotocols(), options.timeout(),
                options.compression(), options.tags(), options.maxMessageSize());
        WsConnection connection = client.get().connect(uri, wsOptions, mailbox, registry, builtins, vuTags.get(), hook);
        SyncWebSocket socket = new SyncWebSocket(this, connection, zeroNanos);
        if (hook != null) socket.leaveRoundTripsToTheProtocol();
        sockets.put(connection, socket);
        (inIteration && !options.persist() ? openedThisIteration : kept).add(socket);
        // Netty's own handshake timeout fires first; this bound only guards against a lost event.
        long deadline = System.nanoTime() + options.timeout().plusSeconds(5).toNanos();
        while (!socket.handshakeDone()) {
            if (!pump(deadline)) {
                socket.giveUp("no answer to the handshake within " + options.timeout().toMillis() + " ms");
                sockets.remove(connection);
                break;
            }
        }
        return new Opened(socket, connection);
    }

    /** When the test started (System.nanoTime): messages' receivedAtMillis count from here. */
    public long zeroNanos() {
        return zeroNanos;
    }

    /**
     * Waits for at least one event until {@code deadlineNanos}, then routes every queued event to
     * its socket. False when the deadline passed with nothing to do.
     */
    boolean pump(long deadlineNanos) {
        Object event;
        try {
            event = mailbox.take(deadlineNanos, false); // timeouts: a few ms late is fine
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VuInterrupted();
        }
        if (event == null) return false;
        do {
            WsEvent e = (WsEvent) event;
            SyncWebSocket s = sockets.get(e.connection());
            if (s != null) s.on(e);
            // A socket is done when it closed, or when it never opened (no Closed follows a failed connect).
            if (e instanceof WsEvent.Closed || e instanceof WsEvent.Opened o && !o.ok()) sockets.remove(e.connection());
        } while ((event = mailbox.poll()) != null);
        return true;
    }

    /**
     * Closes every socket still open (the VU is done), going away (1001), and waits up to
     * {@code wait} for the close handshakes, so their session durations are in the summary.
     * Called when the VU's thread has finished; nothing else touches this object then.
     */
    public void closeAll(Duration wait) {
        for (SyncWebSocket s : new ArrayList<>(sockets.values())) s.connection().close(1001, "");
        long deadline = System.nanoTime() + wait.toNanos();
        while (!sockets.isEmpty() && pump(deadline)) {
            // route the Closed events
        }
    }

    /** The VU starts an iteration: what it opens from now on without persist is closed when it ends. */
    public void beginIteration() {
        inIteration = true;
        openedThisIteration.clear();
    }

    /**
     * The iteration ended (normally, by an exception or interrupted): its sockets still open are
     * closed going away, without waiting. And a VU whose kept sockets keep growing is told once.
     */
    public void endIteration(int vu) {
        inIteration = false;
        for (SyncWebSocket s : openedThisIteration) {
            if (s.isOpen()) {
                s.connection().close(1001, "");
                s.connection().metrics().closedByJload();
            }
        }
        openedThisIteration.clear();
        kept.removeIf(s -> !s.isOpen());
        int held = kept.size();
        if (held > keptAfterLastIteration && keptAfterLastIteration > 0) {
            warnOnce.accept("ws-persist-pileup", "VU " + vu + " keeps " + held + " WebSockets open with { persist: true } after an "
                    + "iteration, more than after the one before (" + keptAfterLastIteration + "): persistent sockets are piling "
                    + "up. Close those no longer needed, or reuse one (the load applied is no longer the load you asked for)");
        }
        keptAfterLastIteration = held;
    }

    /** The VU's tags now. */
    TagSet vuTags() {
        return vuTags.get();
    }

    static Duration clamp(Duration d) {
        return d.isNegative() ? Duration.ZERO : d;
    }
}
