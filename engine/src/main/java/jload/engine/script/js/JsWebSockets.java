package jload.engine.script.js;

import jload.engine.script.EngineVu;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Value;

/**
 * The host object behind jload's three WebSocket modules ({@code globalThis.__jload_ws}):
 * {@code k6/ws} (blocking sessions), {@code k6/websockets} (browser-style sockets on the VU's event
 * loop) and {@code jload/ws} (synchronous sockets). One per VU.
 */
public final class JsWebSockets {
    private final EngineVu vu;
    private final JsEventLoop loop;
    private final JsRuntime runtime;

    JsWebSockets(EngineVu vu, JsEventLoop loop, JsRuntime runtime) {
        this.vu = vu;
        this.loop = loop;
        this.runtime = runtime;
    }

    // --- k6/ws ---

    private int wsSessionDepth;

    void enterWsSession() {
        wsSessionDepth++;
    }

    void exitWsSession() {
        wsSessionDepth--;
    }

    /** Whether a k6/ws session is running (sleep() then warns). */
    @HostAccess.Export
    public boolean inSession() {
        return wsSessionDepth > 0;
    }

    /** k6/ws's ws.connect(url, params, callback): blocks until the socket closes; returns the response as JSON. */
    @HostAccess.Export
    public String k6Connect(String url, Value params, Value callback) {
        if (callback == null || !callback.canExecute()) throw JsErrors.thrown("ws.connect: the last argument must be a function");
        return K6WsSession.run(vu, url, params, callback, this);
    }

    /**
     * A failed k6/ws connect returns quietly in k6; jload says so once per distinct failure, so a
     * script that never looks at {@code res.status} is not silently measuring nothing.
     */
    void warnConnectFailed(String url, String message) {
        if (runtime.warnOnce("k6-ws-connect-failed:" + message)) {
            runtime.log().warn("k6/ws: an attempt to establish a WebSocket connection to " + jload.engine.proto.ws.WsUrls.asWritten(url)
                    + " failed: " + message + " (ws.connect returned it in res.status/res.error; repeats are not printed)");
        }
    }

    // --- k6/websockets ---

    /** new WebSocket(url, protocols, params) from k6/websockets: connects in the background. */
    @HostAccess.Export
    public JsBrowserSocket newWebSocket(String url, Value protocols, Value params, Value dispatcher) {
        if (params != null && !params.isNull()) {
            for (String key : params.getMemberKeys()) {
                if (!JsBrowserSocket.PARAMS.contains(key)) {
                    throw JsErrors.thrown("WebSocket: unknown param '" + key + "'; expected one of headers, tags, compression, jar");
                }
            }
        }
        WsParams p = WsParams.read(params);
        java.util.List<String> offered = new java.util.ArrayList<>();
        if (protocols != null && !protocols.isNull()) {
            if (protocols.isString()) offered.add(protocols.asString());
            else if (protocols.hasArrayElements()) for (long i = 0; i < protocols.getArraySize(); i++) offered.add(protocols.getArrayElement(i).asString());
        }
        var connection = JsErrors.onBehalfOfScript(() -> vu.wsClient().connect(jload.engine.proto.ws.WsUrls.parse(url),
                new jload.engine.proto.ws.WsOptions(p.headers(), offered, jload.engine.proto.ws.WsOptions.DEFAULT_TIMEOUT, p.deflate(), p.tags()),
                loop.mailbox(), vu.registry(), vu.builtins(), vu.tagSet()));
        JsBrowserSocket socket = new JsBrowserSocket(connection, dispatcher);
        loop.register(socket);
        return socket;
    }

    // --- jload/ws ---

    /** ws.connect(url, {headers, subprotocols, timeout, compression, tags, persist, maxMessageSize}) from the jload/ws module. */
    @HostAccess.Export
    public JsWebSocket connect(String url, Value options) {
        Value o = options == null || options.isNull() ? null : options;
        java.util.List<String> subprotocols = new java.util.ArrayList<>();
        if (o != null && o.hasMember("subprotocols") && o.getMember("subprotocols").hasArrayElements()) {
            Value sp = o.getMember("subprotocols");
            for (long i = 0; i < sp.getArraySize(); i++) subprotocols.add(sp.getArrayElement(i).asString());
        }
        WsParams p = WsParams.read(o);
        Value persist = o == null ? null : o.getMember("persist");
        Value maxSize = o == null ? null : o.getMember("maxMessageSize");
        jload.WsConnect connect = JsErrors.onBehalfOfScript(() -> new jload.WsConnect(p.headers(), subprotocols,
                JsDurations.of(o == null ? null : o.getMember("timeout"), java.time.Duration.ofSeconds(60)),
                p.deflate(), p.tags(), persist != null && persist.isBoolean() && persist.asBoolean(),
                jload.engine.proto.ws.WsConnectOptions.maxMessageSize(maxSize == null || maxSize.isNull() ? null
                        : maxSize.isNumber() ? (Object) maxSize.asDouble() : maxSize.toString())));
        return new JsWebSocket(JsErrors.onBehalfOfScript(() -> vu.ws().connect(url, connect)));
    }

    // --- jload/socketio ---

    /** socketio.connect(url, options) from the jload/socketio module; the options arrive as JSON text. */
    @HostAccess.Export
    public JsSocketIo socketioConnect(String url, String optionsJson) {
        return JsErrors.onBehalfOfScript(() -> new JsSocketIo(vu.socketio().connect(url,
                jload.engine.proto.socketio.VuSocketIos.options(optionsObject(optionsJson, "socketio.connect")))));
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper OPTIONS_JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    /** A module's options object, which it sent as JSON text. */
    static java.util.Map<String, Object> optionsObject(String optionsJson, String call) {
        try {
            return optionsJson == null ? java.util.Map.of()
                    : OPTIONS_JSON.readValue(optionsJson,
                            new com.fasterxml.jackson.core.type.TypeReference<java.util.LinkedHashMap<String, Object>>() {});
        } catch (Exception e) {
            throw new IllegalArgumentException(call + ": the options must be an object: " + e.getMessage());
        }
    }
}
