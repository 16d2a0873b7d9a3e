package jload.engine.script.js;

import java.util.List;
import java.util.Set;
import jload.engine.proto.ws.WsConnection;
import jload.engine.proto.ws.WsEvent;
import jload.engine.exec.TestAborted;
import jload.engine.exec.VuInterrupted;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;

/**
 * One k6/websockets (browser-style) WebSocket. It connects in the background; its events are
 * dispatched by the VU's {@link JsEventLoop} to the module's JS object, which calls the script's
 * handlers — with the semantics of k6's {@code websockets.go}:
 * <ul>
 * <li>a failed connect fires 'error' then 'close' (no {@code code}), and counts its ws_connecting;
 * <li>messages that arrive after {@code close()} are not dispatched;
 * <li>a server close with another code than 1000/1001, or a dropped connection, fires 'error'
 *     (Go's close-error text) before 'close';
 * <li>an exception in a handler drops the connection, fires 'error' (the exception's text) and
 *     'close', and fails the iteration.
 * </ul>
 */
public final class JsBrowserSocket {
    /** k6/websockets' params; anything else throws, as in k6. */
    static final Set<String> PARAMS = Set.of("headers", "tags", "compression", "jar");

    static final int CONNECTING = 0, OPEN = 1, CLOSING = 2, CLOSED = 3;

    private final WsConnection connection;
    private final Value dispatcher;
    private int readyState = CONNECTING;
    private String protocol = "";
    /** jload already fired 'error' for what closed the socket (a message too big, a reset): no second one for its close code. */
    private boolean failureReported;

    JsBrowserSocket(WsConnection connection, Value dispatcher) {
        this.connection = connection;
        this.dispatcher = dispatcher;
    }

    WsConnection connection() {
        return connection;
    }

    void dispatch(WsEvent e) {
        if (readyState == CLOSED) return;
        switch (e) {
            case WsEvent.Opened o -> {
                if (o.ok() && readyState == CLOSING) {
                    // close() while connecting (k6: 'open' never fires); the connection closes as soon as it opened
                } else if (o.ok()) {
                    readyState = OPEN;
                    protocol = o.headers().getOrDefault("sec-websocket-protocol", o.headers().getOrDefault("Sec-WebSocket-Protocol", ""));
                    fire("open", null);
                } else {
                    connection.countFailedConnecting(o.atNanos());
                    closedWithError("websocket: " + o.error(), 0, "");
                }
            }
            case WsEvent.Text t -> {
                if (readyState == OPEN) fire("message", t.text());
            }
            case WsEvent.Binary b -> {
                if (readyState == OPEN) fire("binary", b.bytes());
            }
            case WsEvent.Ping p -> fire("ping", null);
            case WsEvent.Pong p -> {
                connection.metrics().pong(p);
                fire("pong", null);
            }
            case WsEvent.Failed f -> {
                failureReported = true;
                fire("error", "websocket: " + f.message());
            }
            case WsEvent.Closed c -> closedWithError(CloseErrorText.isError(c.code()) && !failureReported
                    ? CloseErrorText.of(c.code(), c.reason()) : null, c.code(), c.reason());
        }
    }

    /** k6's connectionClosedWithError: CLOSED, then 'error' (when there is one), then 'close'. */
    private void closedWithError(String error, int code, String reason) {
        if (readyState == CLOSED) return;
        readyState = CLOSED;
        if (error != null) fire("error", error);
        fire("close", List.of(code, reason));
    }

    /**
     * Calls the module's dispatcher. A handler's exception is the iteration's error, as in k6; before
     * it leaves, the socket is dropped and its own 'error' and 'close' handlers hear of it.
     */
    private void fire(String type, Object payload) {
        try {
            dispatcher.executeVoid(type, payload);
        } catch (PolyglotException e) {
            if (e.isInterrupted() || e.isCancelled() || (e.isHostException()
                    && (e.asHostException() instanceof VuInterrupted || e.asHostException() instanceof TestAborted))) throw e;
            if (readyState != CLOSED) {
                connection.drop();
                try {
                    closedWithError(e.getMessage(), 1006, "");
                } catch (PolyglotException ignored) {
                    // the first exception is the one the iteration fails with
                }
            }
            throw e;
        }
    }

    @HostAccess.Export
    public int readyState() {
        return readyState;
    }

    @HostAccess.Export
    public String protocol() {
        return protocol;
    }

    @HostAccess.Export
    public void sendText(String text) {
        requireOpen("send");
        connection.send(text);
    }

    @HostAccess.Export
    public void sendBytes(Value data) {
        requireOpen("send");
        connection.send(JsBytes.from(data));
    }

    @HostAccess.Export
    public void ping() {
        requireOpen("ping");
        connection.ping();
    }

    /**
     * Browser semantics: close() without a code closes with 1000 (k6/ws's socket.close() uses 1001);
     * as in k6, a client may only send 1000 or 3000–4999, and a reason of up to 123 bytes.
     */
    @HostAccess.Export
    public void close(Value code, Value reason) {
        if (readyState >= CLOSING) return;
        int c = code == null || code.isNull() ? 0 : code.asInt();
        String r = reason == null || reason.isNull() ? "" : reason.asString();
        if (c != 0 && c != 1000 && (c < 3000 || c > 4999)) {
            throw JsErrors.thrown("InvalidAccessError: Failed to execute 'close' on 'WebSocket': "
                    + "The close code must be either 1000, or between 3000 and 4999. " + c + " is neither");
        }
        if (r.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 123) {
            throw JsErrors.thrown("SyntaxError: Failed to execute 'close' on 'WebSocket': The message must not be greater than 123 bytes");
        }
        readyState = CLOSING;
        connection.close(c == 0 ? 1000 : c, r);
    }

    private void requireOpen(String what) {
        if (readyState != OPEN) {
            throw JsErrors.thrown("WebSocket." + what + "(): the socket is not open (readyState " + readyState + ")");
        }
    }
}
