package jload.engine.script.js;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import jload.engine.exec.TestAborted;
import jload.engine.exec.VuInterrupted;
import jload.engine.proto.Mailbox;
import jload.engine.proto.ws.WsConnection;
import jload.engine.proto.ws.WsEvent;
import jload.engine.proto.ws.WsOptions;
import jload.engine.proto.ws.WsUrls;
import jload.engine.script.EngineVu;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;

/**
 * One k6/ws session, with the semantics of k6's {@code js/modules/k6/ws/ws.go}:
 * <ul>
 * <li>{@code ws.connect} blocks the iteration until the session ends; the setup callback runs
 *     first and 'open' fires after it returns (even when the callback already closed the socket).
 * <li>The session ends when the script calls {@code close()} — the close frame is written and the
 *     'close' handlers run at once — or when the server closes. After that nothing is dispatched:
 *     no message, no timer; {@code ws.connect} returns once the handler that ended it returns. A
 *     send after the end writes nothing and fires 'error' ({@code websocket: close sent}); it never
 *     throws. (k6 then drops the TCP connection at once; jload completes the close handshake in
 *     the background, as {@link WsConnection#close} does, so the target sees a clean close rather
 *     than a reset that can discard the close frame itself.)
 * <li>A server close with another code than 1000/1001, or a dropped connection, fires 'error'
 *     first, with Go's close-error text.
 * <li>An exception in a handler, timer or the callback ends the session (close 1001, 'close'
 *     handlers run) and is thrown out of {@code ws.connect}: the iteration fails, as in k6.
 * <li>A failed connect (refused, rejected upgrade, malformed URL) returns a response — status 0
 *     or the HTTP status, and the error text when there was no HTTP response — and throws only
 *     with k6's {@code throw} option. The attempt counts in ws_sessions, ws_connecting and
 *     ws_session_duration, as in k6.
 * </ul>
 * Handlers and timers run on the VU's own thread, in order, so a {@code sleep()} in a handler
 * holds the session up (as in k6; jload warns once).
 */
public final class K6WsSession {
    private record Timer(long id, long dueNanos, Value fn, long repeatNanos) {}

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
    private static final long FAR_AWAY = Duration.ofDays(365).toNanos();

    private final WsConnection connection;
    private final Mailbox mailbox;
    private final Map<String, List<Value>> handlers = new HashMap<>();
    private final PriorityQueue<Timer> timers = new PriorityQueue<>((a, b) ->
            a.dueNanos != b.dueNanos ? Long.compare(a.dueNanos, b.dueNanos) : Long.compare(a.id, b.id));
    private long nextTimerId = 1;
    /** k6's "done": the session is over; nothing more is dispatched and ws.connect returns. */
    private boolean ended;
    /** jload already fired 'error' for what closed the socket (a message too big, a reset): no second one for its close code. */
    private boolean failureReported;
    /** JS functions of the script's realm, made once per session rather than per event. */
    private Value newUint8Array;
    private Value newError;

    private K6WsSession(WsConnection connection, Mailbox mailbox) {
        this.connection = connection;
        this.mailbox = mailbox;
    }

    /** Runs a whole session; returns k6's response object as JSON. */
    static String run(EngineVu vu, String url, Value params, Value setup, JsWebSockets bridge) {
        WsParams p = WsParams.read(params);
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return failed(vu, bridge, url, 0, Map.of(), "", "malformed URL '" + WsUrls.asWritten(url) + "': " + e.getReason());
        }
        String problem = WsUrls.problem(uri);
        if (problem != null) {
            return failed(vu, bridge, url, 0, Map.of(), "", "malformed URL '" + WsUrls.asWritten(url) + "': " + problem);
        }
        Mailbox mailbox = new Mailbox();
        WsConnection connection = vu.wsClient().connect(uri,
                new WsOptions(p.headers(), List.of(), WsOptions.DEFAULT_TIMEOUT, p.deflate(), p.tags()),
                mailbox, vu.registry(), vu.builtins(), vu.tagSet());
        K6WsSession session = new K6WsSession(connection, mailbox);
        WsEvent.Opened opened;
        try {
            opened = session.awaitOpened();
        } catch (VuInterrupted e) {
            connection.close(1001, ""); // sent as soon as the handshake ends, if it does
            throw e;
        }
        if (!opened.ok()) {
            connection.countFailedAttemptAsSession(opened.atNanos());
            return failed(vu, bridge, url, connection.status(), connection.responseHeaders(), connection.responseBody(), opened.error());
        }
        bridge.enterWsSession();
        try {
            setup.execute(new K6WsSocket(session));
            session.fire("open");
            session.loop();
        } catch (PolyglotException e) {
            if (!e.isInterrupted() && !e.isCancelled() && !stopsTheVu(e)) session.endAfterException();
            throw e;
        } finally {
            bridge.exitWsSession();
            if (!session.ended) connection.close(1001, ""); // interrupted: no handler may run now
        }
        return session.responseJson(url, opened);
    }

    /**
     * k6's answer to a connect that failed: a response (url "", and the error text only when there
     * was no HTTP response), or, with the {@code throw} option, an exception.
     */
    private static String failed(EngineVu vu, JsWebSockets bridge, String url, int status, Map<String, String> headers,
                                 String body, String why) {
        String message = "websocket: " + why;
        if (vu.throwErrors()) throw JsErrors.thrown(message);
        bridge.warnConnectFailed(url, message);
        var json = JSON.createObjectNode();
        json.put("url", "");
        json.put("status", status);
        json.putPOJO("headers", headers);
        json.put("body", body);
        json.put("error", status > 0 ? "" : message);
        return json.toString();
    }

    private static boolean stopsTheVu(PolyglotException e) {
        return e.isHostException() && (e.asHostException() instanceof VuInterrupted || e.asHostException() instanceof TestAborted);
    }

    private WsEvent.Opened awaitOpened() {
        // Netty's handshake timeout fires first; this bound only guards against a lost event.
        long deadline = System.nanoTime() + WsOptions.DEFAULT_TIMEOUT.plusSeconds(5).toNanos();
        while (true) {
            Object e = take(deadline);
            if (e == null) {
                connection.drop();
                return new WsEvent.Opened(connection, false, 0, Map.of(), "no answer to the handshake", null, System.nanoTime());
            }
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

    /** Until the session ends: due timers, then the network's events, drained in order. */
    private void loop() {
        while (!ended) {
            runDueTimers();
            if (ended) return;
            Timer next = timers.peek();
            Object e = take(next == null ? System.nanoTime() + FAR_AWAY : next.dueNanos);
            // Timers run between batches too, so a steady stream of messages cannot starve them.
            while (e != null && !ended) {
                dispatch((WsEvent) e);
                e = mailbox.poll();
            }
        }
    }

    private void runDueTimers() {
        long now = System.nanoTime();
        while (!ended && !timers.isEmpty() && timers.peek().dueNanos - now <= 0) {
            Timer t = timers.poll();
            if (t.repeatNanos > 0) {
                // Like k6's Go ticker, it keeps its schedule: ticks missed while the VU was busy are
                // dropped (not replayed in a burst); the next one is the first scheduled after now.
                long next = t.dueNanos + t.repeatNanos;
                if (next - now <= 0) next += ((now - next) / t.repeatNanos + 1) * t.repeatNanos;
                timers.add(new Timer(t.id, next, t.fn, t.repeatNanos));
            }
            t.fn.executeVoid();
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
            case WsEvent.Failed f -> {
                failureReported = true;
                fire("error", errorValue("websocket: " + f.message()));
            }
            case WsEvent.Closed c -> closedByServer(c.code(), c.reason());
            case WsEvent.Opened o -> { }
        }
    }

    private void closedByServer(int code, String reason) {
        if (CloseErrorText.isError(code) && !failureReported) fire("error", errorValue(CloseErrorText.of(code, reason)));
        if (ended) return; // an 'error' handler closed the session itself
        ended = true;
        fire("close", Value.asValue(code));
    }

    /** The script's close(code): k6's closeConnection. Once; later calls do nothing. */
    private void closeByScript(int code) {
        if (ended) return;
        ended = true;
        connection.closeAnyCode(code); // as gorilla: whatever code the script gives
        fire("close", Value.asValue(code));
    }

    /** A handler threw: k6 closes going away and runs the 'close' handlers before the exception leaves ws.connect. */
    private void endAfterException() {
        if (ended) return;
        ended = true;
        connection.close(1001, "");
        try {
            fire("close", Value.asValue(1001));
        } catch (PolyglotException ignored) {
            // the first exception is the one the script sees
        }
    }

    /** What a send after the end (or on a connection the server already closed) does in k6: an 'error' event. */
    private boolean sendable() {
        if (!ended && connection.canSend()) return true;
        fire("error", errorValue("websocket: close sent"));
        return false;
    }

    private Value arrayBuffer(byte[] bytes) {
        // Built by the script's own realm so the handler sees a real ArrayBuffer.
        if (newUint8Array == null) newUint8Array = handlerRealm().eval("js", "(n) => new Uint8Array(n)");
        Value u8 = newUint8Array.execute(bytes.length);
        for (int i = 0; i < bytes.length; i++) u8.setArrayElement(i, bytes[i] & 0xff);
        return u8.getMember("buffer");
    }

    /** k6 passes a Go error: scripts call {@code e.error()} for its text. */
    private Value errorValue(String message) {
        if (newError == null) newError = handlerRealm().eval("js", "(m) => ({ error: () => m, toString: () => m })");
        return newError.execute(message);
    }

    private org.graalvm.polyglot.Context handlerRealm() {
        for (List<Value> fns : handlers.values()) if (!fns.isEmpty()) return fns.getFirst().getContext();
        return org.graalvm.polyglot.Context.getCurrent();
    }

    /** Every handler of {@code event}, in the order added; an exception stops here and ends the session. */
    private void fire(String event, Value... args) {
        List<Value> fns = handlers.get(event);
        if (fns == null) return;
        for (Value fn : List.copyOf(fns)) fn.executeVoid((Object[]) args);
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

    private long addTimer(Value fn, double ms, boolean repeat) {
        long delay = (long) (ms * 1_000_000);
        if (!(delay > 0)) {
            throw JsErrors.thrown(String.format(java.util.Locale.ROOT,
                    "%s requires a >0 timeout parameter, received %.2f", repeat ? "setInterval" : "setTimeout", ms));
        }
        if (!fn.canExecute()) throw JsErrors.thrown((repeat ? "setInterval" : "setTimeout") + ": the first argument must be a function");
        long id = nextTimerId++;
        timers.add(new Timer(id, System.nanoTime() + delay, fn, repeat ? delay : -1));
        return id;
    }

    /** The socket object a k6/ws callback receives (the module wraps it). */
    public static final class K6WsSocket {
        private final K6WsSession s;

        K6WsSocket(K6WsSession s) {
            this.s = s;
        }

        /** k6 ignores a handler that is not a function. */
        @HostAccess.Export
        public void on(String event, Value handler) {
            if (handler == null || !handler.canExecute()) return;
            s.handlers.computeIfAbsent(event, k -> new ArrayList<>()).add(handler);
        }

        @HostAccess.Export
        public void send(String text) {
            if (s.sendable()) s.connection.send(text);
        }

        @HostAccess.Export
        public void sendBinary(Value data) {
            if (s.sendable()) s.connection.send(JsBytes.from(data));
        }

        @HostAccess.Export
        public void ping() {
            if (s.sendable()) s.connection.ping();
        }

        /** k6: socket.close() without a code closes with 1001 (going away). */
        @HostAccess.Export
        public void close(Value code) {
            s.closeByScript(code == null || code.isNull() ? 1001 : code.asInt());
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
}
