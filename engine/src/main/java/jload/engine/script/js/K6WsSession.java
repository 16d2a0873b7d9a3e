package jload.engine.script.js;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import jload.VuContext;
import jload.engine.exec.VuInterrupted;
import jload.engine.metrics.TagSet;
import jload.engine.proto.Mailbox;
import jload.engine.proto.ws.WsClient;
import jload.engine.proto.ws.WsConnection;
import jload.engine.proto.ws.WsEvent;
import jload.engine.proto.ws.WsOptions;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Value;

/**
 * One k6/ws session, with k6's semantics: {@code ws.connect} blocks the iteration until the socket
 * closes; the setup callback runs first and 'open' fires only after it returns; every handler and
 * socket timer runs on the VU's own thread, in order, so a {@code sleep()} in a handler holds up
 * the session (as in k6). An exception in a handler is counted and the session goes on.
 */
public final class K6WsSession {
    private record Timer(long id, long dueNanos, Value fn, long repeatNanos) {}

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private final VuContext vu;
    private final WsConnection connection;
    private final Mailbox mailbox;
    private final long startNanos = System.nanoTime();
    private final Map<String, List<Value>> handlers = new HashMap<>();
    private final PriorityQueue<Timer> timers = new PriorityQueue<>((a, b) ->
            a.dueNanos != b.dueNanos ? Long.compare(a.dueNanos, b.dueNanos) : Long.compare(a.id, b.id));
    private long nextTimerId = 1;
    private boolean closed;
    /** JS functions of the script's realm, made once per session rather than per event. */
    private Value newUint8Array;
    private Value newError;
    private int closeCode;

    private K6WsSession(VuContext vu, WsConnection connection, Mailbox mailbox) {
        this.vu = vu;
        this.connection = connection;
        this.mailbox = mailbox;
    }

    /** Runs a whole session; returns k6's response object as JSON. */
    static String run(VuContext vu, WsClient client, TagSet vuTags, String url, Value params, Value setup,
                      JsWebSockets bridge) {
        URI uri = URI.create(url);
        WsParams p = WsParams.read(params);
        Mailbox mailbox = new Mailbox();
        WsConnection connection = client.connect(uri,
                new WsOptions(p.headers(), List.of(), WsOptions.DEFAULT_TIMEOUT, p.deflate(), p.tags()),
                mailbox, bridge.registry(), bridge.builtins(), vuTags);
        K6WsSession session = new K6WsSession(vu, connection, mailbox);
        WsEvent.Opened opened = session.awaitOpened();
        if (!opened.ok()) {
            throw new IllegalStateException("websocket: " + opened.error());
        }
        bridge.enterWsSession();
        try {
            setup.execute(new K6WsSocket(session));
            session.fire("open");
            session.loop();
        } finally {
            bridge.exitWsSession();
            if (!session.closed) connection.close(1001, "");
        }
        return session.responseJson(url, opened);
    }

    private WsEvent.Opened awaitOpened() {
        long deadline = startNanos + WsOptions.DEFAULT_TIMEOUT.plusSeconds(5).toNanos();
        while (true) {
            Object e = take(deadline);
            if (e == null) throw new IllegalStateException("websocket: no answer to the handshake");
            if (e instanceof WsEvent.Opened o) return o;
        }
    }

    private Object take(long deadline) {
        try {
            return mailbox.take(deadline);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new VuInterrupted();
        }
    }

    /** Until the socket closes: the next timer or network event, drained in order. */
    private void loop() {
        while (!closed) {
            Timer next = timers.peek();
            long deadline = next == null ? System.nanoTime() + Duration.ofDays(365).toNanos() : next.dueNanos;
            Object e = take(deadline);
            if (e == null) {
                runDueTimers();
                continue;
            }
            do {
                dispatch((WsEvent) e);
            } while (!closed && (e = mailbox.poll()) != null);
        }
    }

    private void runDueTimers() {
        long now = System.nanoTime();
        while (!closed && !timers.isEmpty() && timers.peek().dueNanos - now <= 0) {
            Timer t = timers.poll();
            if (t.repeatNanos > 0) timers.add(new Timer(t.id, t.dueNanos + t.repeatNanos, t.fn, t.repeatNanos));
            call(t.fn);
        }
    }

    private void dispatch(WsEvent e) {
        switch (e) {
            case WsEvent.Text t -> fire("message", Value.asValue(t.text()));
            case WsEvent.Binary b -> fire("binaryMessage", arrayBuffer(b.bytes()));
            case WsEvent.Ping p -> fire("ping");
            case WsEvent.Pong p -> {
                connection.metrics().pong(p);
                fire("pong");
            }
            case WsEvent.Failed f -> fire("error", errorValue(f.message()));
            case WsEvent.Closed c -> {
                closed = true;
                closeCode = c.code();
                fire("close", Value.asValue(c.code()));
            }
            case WsEvent.Opened o -> { }
        }
    }

    private Value arrayBuffer(byte[] bytes) {
        // Built by the script's own realm so the handler sees a real ArrayBuffer.
        if (newUint8Array == null) newUint8Array = handlerRealm().eval("js", "(n) => new Uint8Array(n)");
        Value u8 = newUint8Array.execute(bytes.length);
        for (int i = 0; i < bytes.length; i++) u8.setArrayElement(i, bytes[i] & 0xff);
        return u8.getMember("buffer");
    }

    private Value errorValue(String message) {
        if (newError == null) newError = handlerRealm().eval("js", "(m) => ({ error: () => m, toString: () => m })");
        return newError.execute(message);
    }

    private org.graalvm.polyglot.Context handlerRealm() {
        for (List<Value> fns : handlers.values()) if (!fns.isEmpty()) return fns.getFirst().getContext();
        return org.graalvm.polyglot.Context.getCurrent();
    }

    private void fire(String event, Value... args) {
        for (Value fn : List.copyOf(handlers.getOrDefault(event, List.of()))) {
            Object[] a = args;
            call(fn, a);
        }
    }

    private void call(Value fn, Object... args) {
        HandlerCalls.callCounted(vu, fn, args);
    }

    private String responseJson(String url, WsEvent.Opened opened) {
        var json = JSON.createObjectNode();
        json.put("url", url);
        json.put("status", opened.status());
        json.putPOJO("headers", opened.headers());
        json.put("body", "");
        json.put("error", "");
        return json.toString();
    }

    /** The socket object a k6/ws callback receives (the module wraps it). */
    public static final class K6WsSocket {
        private final K6WsSession s;

        K6WsSocket(K6WsSession s) {
            this.s = s;
        }

        @HostAccess.Export
        public void on(String event, Value handler) {
            if (!handler.canExecute()) throw new IllegalArgumentException("socket.on('" + event + "'): the handler must be a function");
            s.handlers.computeIfAbsent(event, k -> new ArrayList<>()).add(handler);
        }

        @HostAccess.Export
        public void send(String text) {
            s.connection.send(text);
        }

        @HostAccess.Export
        public void sendBinary(Value data) {
            s.connection.send(JsBytes.from(data));
        }

        @HostAccess.Export
        public void ping() {
            s.connection.ping();
        }

        /** k6: socket.close() without a code closes with 1001 (going away). */
        @HostAccess.Export
        public void close(Value code) {
            int c = code == null || code.isNull() ? 1001 : code.asInt();
            s.connection.close(c, "");
        }

        @HostAccess.Export
        public double setTimeout(Value fn, double ms) {
            return s.addTimer(fn, ms, false);
        }

        @HostAccess.Export
        public double setInterval(Value fn, double ms) {
            return s.addTimer(fn, ms, true);
        }
    }

    private long addTimer(Value fn, double ms, boolean repeat) {
        if (!fn.canExecute()) throw new IllegalArgumentException("socket timer: the first argument must be a function");
        long delay = Math.max(0, (long) (ms * 1_000_000));
        if (repeat && delay <= 0) throw new IllegalArgumentException("socket.setInterval: the interval must be > 0");
        long id = nextTimerId++;
        timers.add(new Timer(id, System.nanoTime() + delay, fn, repeat ? delay : -1));
        return id;
    }

    int closeCode() {
        return closeCode;
    }
}
