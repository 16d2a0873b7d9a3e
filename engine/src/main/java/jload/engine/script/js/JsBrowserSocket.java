package jload.engine.script.js;

import java.util.List;
import java.util.Set;
import jload.engine.proto.ws.WsConnection;
import jload.engine.proto.ws.WsEvent;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Value;

/**
 * One k6/websockets (browser-style) WebSocket. It connects in the background; its events are
 * dispatched by the VU's {@link JsEventLoop} to the module's JS object, which calls the script's
 * handlers. An exception in a handler is counted and the loop goes on.
 */
public final class JsBrowserSocket {
    /** k6/websockets' params; anything else throws, as in k6. */
    static final Set<String> PARAMS = Set.of("headers", "tags", "compression", "jar");

    static final int CONNECTING = 0, OPEN = 1, CLOSING = 2, CLOSED = 3;

    private final WsConnection connection;
    private final Value dispatcher;
    private final jload.engine.script.EngineVu vu;
    private int readyState = CONNECTING;
    private String protocol = "";

    JsBrowserSocket(WsConnection connection, Value dispatcher, jload.engine.script.EngineVu vu) {
        this.connection = connection;
        this.dispatcher = dispatcher;
        this.vu = vu;
    }

    WsConnection connection() {
        return connection;
    }

    void dispatch(WsEvent e) {
        switch (e) {
            case WsEvent.Opened o -> {
                if (o.ok()) {
                    readyState = OPEN;
                    protocol = o.headers().getOrDefault("sec-websocket-protocol", o.headers().getOrDefault("Sec-WebSocket-Protocol", ""));
                    fire("open", null);
                } else {
                    readyState = CLOSED;
                    fire("error", o.error());
                    fire("close", List.of(1006, ""));
                }
            }
            case WsEvent.Text t -> fire("message", t.text());
            case WsEvent.Binary b -> fire("binary", b.bytes());
            case WsEvent.Ping p -> fire("ping", null);
            case WsEvent.Pong p -> {
                connection.metrics().pong(p);
                fire("pong", null);
            }
            case WsEvent.Failed f -> fire("error", f.message());
            case WsEvent.Closed c -> {
                readyState = CLOSED;
                fire("close", List.of(c.code(), c.reason()));
            }
        }
    }

    private void fire(String type, Object payload) {
        HandlerCalls.callCounted(vu, dispatcher, type, payload);
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

    /** Browser semantics: close() without a code closes with 1000 (k6/ws's socket.close() uses 1001). */
    @HostAccess.Export
    public void close(Value code, Value reason) {
        if (readyState >= CLOSING) return;
        readyState = CLOSING;
        connection.close(code == null || code.isNull() ? 1000 : code.asInt(), reason == null || reason.isNull() ? "" : reason.asString());
    }

    private void requireOpen(String what) {
        if (readyState != OPEN) {
            throw new IllegalStateException("WebSocket." + what + "(): the socket is not open (readyState " + readyState + ")");
        }
    }
}
