package jload.engine.proto.socketio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import jload.Message;
import jload.SocketIo;
import jload.WebSocket;
import jload.WsConnect;
import jload.engine.metrics.BuiltinMetrics;
import jload.engine.metrics.MetricRegistry;
import jload.engine.metrics.TagSet;
import jload.engine.proto.ws.VuWebSockets;
import jload.engine.proto.ws.WsConnection;
import jload.engine.proto.ws.WsMetrics;
import jload.engine.proto.ws.WsUrls;

/**
 * A Socket.IO v4 client's session in one namespace, used synchronously by one VU, over one of the VU's
 * WebSockets (so the socket's ws_* metrics, its backlog and its closing at the iteration's end are
 * jload/ws's). Several namespaces may share the connection ({@link #of}). The heartbeat and the counting
 * of incoming events happen on the event loop ({@link SioLoopSide}). Only the VU's thread calls it.
 */
public final class SyncSocketIo implements SocketIo {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SioConnection shared;
    private final WebSocket socket;
    private final SioNamespace session;
    private final SioMetrics metrics;
    private final String namespace;
    /** How every EVENT of this namespace starts ({@code 42} or {@code 42/ns,}): a cheap look before a parse. */
    private final String eventPrefix;
    private boolean ok;
    private String error;
    private String id;
    private long nextAckId;
    /** An emit went out since the last sio_rtt sample: the next expect() times from it. */
    private boolean emitNotYetAnswered;
    /** {@link #on} handlers by event name. */
    private final Map<String, java.util.function.Function<String, String>> handlers = new java.util.HashMap<>();
    /** A handler is running: it may emit, not wait (its frame is still being matched). */
    private boolean inHandler;
    /** The frame last handed to the script (an event or an ack), for {@link #receivedAtEpochMillis}. */
    private Message lastDelivered;

    private SyncSocketIo(SioConnection shared, String namespace) {
        this.shared = shared;
        this.socket = shared.socket;
        this.session = shared.namespace(namespace);
        this.metrics = session.metrics;
        this.namespace = namespace;
        this.eventPrefix = SioPacket.encode(SioPacket.EVENT, namespace, -1, null);
    }

    /** Opens the WebSocket, waits for Engine.IO's open packet, then for the namespace's CONNECT answer. */
    public static SyncSocketIo connect(VuWebSockets sockets, MetricRegistry registry, BuiltinMetrics builtins, TagSet vuTags,
                                       String url, SioConnect options) {
        URI given = WsUrls.parse(toWebSocketScheme(url));
        String namespace = options.namespace() != null ? options.namespace()
                : given.getRawPath() == null || given.getRawPath().isEmpty() || given.getRawPath().equals("/") ? "/" : given.getPath();
        String engineUrl = engineUrl(given, options);
        URI engineUri = WsUrls.parse(engineUrl);
        long dialNanos = System.nanoTime();
        WsConnect ws = new WsConnect(options.headers(), java.util.List.of(), options.timeout(), false, Map.of("namespace", namespace),
                options.persist(), WsConnect.DEFAULT_MAX_MESSAGE_SIZE);
        SioLoopSide loop = new SioLoopSide();
        VuWebSockets.Opened opened = sockets.connect(engineUrl, ws, loop);
        SioConnection shared = new SioConnection(opened.socket(), opened.connection(), loop, registry, builtins,
                WsMetrics.socketTags(vuTags, Map.of(), engineUri), sockets.zeroNanos());
        SyncSocketIo io = new SyncSocketIo(shared, namespace);
        if (io.openEngine(options.timeout())) io.join(options.authJson(), options.timeout(), dialNanos);
        return io;
    }

    /**
     * This connection's session in another namespace ({@code auth}: its CONNECT's payload, a JSON object's
     * text, or null), multiplexed over the same WebSocket as socket.io-client's {@code manager.socket(nsp)}.
     * A failed join returns a socket whose {@link #ok()} is false; the other namespaces go on.
     */
    @Override
    public SyncSocketIo of(String namespace, Map<String, ?> options) {
        VuSocketIos.NamespaceOptions o = VuSocketIos.NamespaceOptions.of(options);
        return of(namespace, o.authJson(), o.timeout());
    }

    public SyncSocketIo of(String namespace, String authJson, Duration timeout) {
        SioConnect.checkNamespace(namespace);
        SyncSocketIo io = new SyncSocketIo(shared, namespace);
        if (!shared.engineOpen || !socket.isOpen()) {
            io.fail("connect_failed", "namespace " + namespace + ": the connection is not open"
                    + (error() != null ? " (" + error() + ")" : ""));
        } else {
            io.join(authJson, timeout, System.nanoTime());
        }
        return io;
    }

    /** Waits for Engine.IO's open packet; false (and this socket failed) when it did not come or was not v4. */
    private boolean openEngine(Duration timeout) {
        if (!socket.ok()) {
            fail("connect_failed", whyNoWebSocket());
            return false;
        }
        Message open = socket.expect(m -> !m.isBinary(), timeout);
        if (open == null) {
            fail("timeout", "no Engine.IO open packet within " + timeout.toMillis() + " ms");
            return false;
        }
        String openProblem = openPacketProblem(open.text());
        if (openProblem != null) {
            fail("protocol", openProblem);
            return false;
        }
        shared.engineOpen = true;
        return true;
    }

    /** Sends the namespace's CONNECT and waits for its answer; sio_connecting is timed from {@code sinceNanos}. */
    private void join(String authJson, Duration timeout, long sinceNanos) {
        socket.send(SioPacket.encode(SioPacket.CONNECT, namespace, -1, authJson));
        SioPacket[] answer = new SioPacket[1];
        RuntimeException[] bad = new RuntimeException[1];
        Message reply = socket.expect(m -> {
            if (m.isBinary() || m.text().isEmpty() || m.text().charAt(0) != SioPacket.EIO_MESSAGE) return false;
            try {
                SioPacket p = SioPacket.parseMessage(m.text());
                if ((p.type() != SioPacket.CONNECT && p.type() != SioPacket.CONNECT_ERROR) || !p.namespace().equals(namespace)) return false;
                answer[0] = p;
            } catch (SioProtocolException e) {
                bad[0] = e;
            }
            return true;
        }, timeout);
        if (bad[0] != null) {
            fail("protocol", "a malformed packet from the server: " + bad[0].getMessage());
        } else if (reply == null) {
            if (session.endReason() != null) fail("connect_failed", "the connection ended before namespace " + namespace + " answered (" + session.endReason() + ")");
            else fail("timeout", "namespace " + namespace + " did not answer the CONNECT within " + timeout.toMillis() + " ms");
        } else if (answer[0].type() == SioPacket.CONNECT_ERROR) {
            JsonNode data = answer[0].data();
            String message = data.isTextual() ? data.asText() : data.path("message").asText(data.toString());
            fail("connect_error", "namespace " + namespace + " refused the connection: " + message);
        } else {
            ok = true;
            id = answer[0].data() == null ? null : answer[0].data().path("sid").asText(null);
            session.markConnected();
            metrics.connected((shared.nanosOf(reply) - sinceNanos) / 1e6);
        }
    }

    /** Why {@code frame} is not the Engine.IO v4 open packet jload needs (sid, and a heartbeat to watch), or null. */
    private static String openPacketProblem(String frame) {
        if (frame.isEmpty() || frame.charAt(0) != SioPacket.EIO_OPEN) {
            return "the server's first frame is not an Engine.IO open packet: " + SioPacket.clip(frame);
        }
        try {
            JsonNode open = JSON.readTree(frame.substring(1));
            if (open.path("sid").asText("").isEmpty() || open.path("pingInterval").asLong(0) <= 0 || open.path("pingTimeout").asLong(0) <= 0) {
                return "the server's Engine.IO open packet lacks sid, pingInterval or pingTimeout: " + SioPacket.clip(frame);
            }
            return null;
        } catch (Exception e) {
            return "the server's Engine.IO open packet is not JSON: " + SioPacket.clip(frame);
        }
    }

    private String whyNoWebSocket() {
        int status = socket.status();
        String body = shared.connection.responseBody() == null ? "" : shared.connection.responseBody().trim();
        if (status == 400) {
            return "the server refused Engine.IO v4 over WebSocket (HTTP 400" + (body.isEmpty() ? "" : ": " + SioPacket.clip(body))
                    + "); jload speaks Socket.IO 3/4 (Engine.IO v4) over the websocket transport only: a Socket.IO 2.x server "
                    + "(Engine.IO v3) or one that allows only long-polling cannot be reached yet";
        }
        return socket.error() != null ? socket.error() : "the WebSocket handshake failed (HTTP " + status + ")";
    }

    /**
     * A failed connect, counted once: when the event loop already ended the session on a frame that is
     * not Engine.IO (counted there), that is the reason told, not the timeout it caused. The connection
     * closes unless another namespace uses it.
     */
    private void fail(String kind, String why) {
        String protocol = shared.loop.protocolError();
        if (protocol != null) {
            error = protocol;
        } else {
            error = why;
            metrics.error(kind);
        }
        session.end(SioLoopSide.TRANSPORT_CLOSE);
        shared.closeIfUnused();
    }

    @Override
    public boolean ok() {
        return ok;
    }

    @Override
    public String error() {
        return error != null ? error : shared.loop.protocolError();
    }

    @Override
    public String namespace() {
        return namespace;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public boolean isConnected() {
        return ok && session.endReason() == null && socket.isOpen();
    }

    @Override
    public String disconnectReason() {
        return ok ? session.endReason() : null;
    }

    @Override
    public void emit(String event, String argsJson) {
        send(event, argsJson, -1);
    }

    private void send(String event, String argsJson, long ackId) {
        if (!isConnected()) throw new IllegalStateException("socket.io: not connected" + (disconnectReason() != null ? " (" + disconnectReason() + ")" : ""));
        String data = SioPacket.eventData(event, argsJson);
        var binary = data.contains(SioPacket.BINARY) ? SioPacket.binaryPacket(SioPacket.EVENT, namespace, ackId, data) : null;
        if (binary == null) socket.send(SioPacket.encode(SioPacket.EVENT, namespace, ackId, data));
        else shared.connection.send(binary.getKey(), binary.getValue()); // the packet, then its attachments, in one write
        metrics.eventSent();
        emitNotYetAnswered = true; // the next expect() times from it (also an event an emitWithAck causes)
    }

    @Override
    public String emitWithAck(String event, String argsJson, Duration timeout) {
        long ackId = nextAckId++;
        send(event, argsJson, ackId);
        String[] ack = new String[1];
        // The frame that can be this ack starts with 43, the namespace and the id, and its JSON follows: checked, not parsed.
        String ackStart = SioPacket.encode(SioPacket.ACK, namespace, ackId, null);
        Message m = await(msg -> {
            String t = msg.isBinary() ? "" : msg.text();
            if (!t.startsWith(ackStart) || t.length() > ackStart.length() && t.charAt(ackStart.length()) >= '0' && t.charAt(ackStart.length()) <= '9') {
                return sessionEnded();
            }
            try {
                ack[0] = SioPacket.ackArgs(t, ackStart.length());
            } catch (SioProtocolException e) {
                malformed(e);
                return sessionEnded();
            }
            return true;
        }, timeout);
        if (m == null || ack[0] == null) {
            metrics.error(isConnected() ? "ack_timeout" : "disconnected");
            return null;
        }
        lastDelivered = m;
        double ms = shared.sinceLastWriteMillis(m);
        if (ms >= 0) metrics.ackDuration(ms);
        return ack[0];
    }

    @Override
    public String expect(String event, Predicate<String> match, Duration timeout) {
        String[] args = new String[1];
        // Only a frame that is an event of this namespace naming {@code event} somewhere is parsed.
        String quotedName = SioPacket.quoted(event);
        Message m = await(msg -> {
            String t = msg.isBinary() ? "" : msg.text();
            if (!t.startsWith(eventPrefix) || !t.contains(quotedName)) return sessionEnded();
            String a = argsOf(eventOrNull(msg), event, t);
            if (a == null) return sessionEnded();
            if (!match.test(a)) return false;
            args[0] = a;
            return true;
        }, timeout);
        if (m == null || args[0] == null) return null;
        delivered(m);
        return args[0];
    }

    @Override
    public String expectAny(java.util.List<String> events, Duration timeout) {
        if (events.isEmpty()) throw new IllegalArgumentException("socket.io expectAny: name at least one event");
        String[] data = new String[1];
        Message m = await(msg -> {
            String t = msg.isBinary() ? "" : msg.text();
            if (!t.startsWith(eventPrefix)) return sessionEnded();
            SioPacket.Event e = eventOrNull(msg);
            if (e == null || !events.contains(e.name())) return sessionEnded();
            String a = argsOf(e, e.name(), t);
            if (a == null) return sessionEnded();
            String name = SioPacket.quoted(e.name());
            data[0] = a.equals("[]") ? "[" + name + "]" : "[" + name + "," + a.substring(1);
            return true;
        }, timeout);
        if (m == null || data[0] == null) return null;
        delivered(m);
        return data[0];
    }

    /** {@code m} went to the script: it is what {@link #receivedAtEpochMillis} tells, and it answers the last emit. */
    private void delivered(Message m) {
        lastDelivered = m;
        if (emitNotYetAnswered) {
            // Timed from this socket's last write, which is that emit: the VU wrote nothing since.
            emitNotYetAnswered = false;
            double ms = shared.sinceLastWriteMillis(m);
            if (ms >= 0) metrics.rtt(ms);
        }
    }

    @Override
    public void on(String event, java.util.function.Function<String, String> handler) {
        handlers.put(event, handler);
    }

    @Override
    public double receivedAtEpochMillis() {
        return lastDelivered == null ? Double.NaN : lastDelivered.receivedAtEpochMillis();
    }

    @Override
    public void listen(Duration duration) {
        await(msg -> sessionEnded(), duration);
    }

    /**
     * Waits up to {@code timeout} for a frame {@code wanted} accepts, and meanwhile hands the events that
     * have an {@link #on} handler to it (those frames are taken); the wanted frame, or null.
     */
    private Message await(Predicate<Message> wanted, Duration timeout) {
        if (inHandler) throw new IllegalStateException("socket.io: an on() handler may emit, not wait (expect, emitWithAck, listen)");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Message[] found = new Message[1];
            Message m = socket.expect(msg -> {
                if (handled(msg)) return true;
                if (!wanted.test(msg)) return false;
                found[0] = msg;
                return true;
            }, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            if (m == null || found[0] != null) return found[0];
            // a handler took that one: go on waiting for the wanted frame
        }
    }

    /** Whether {@code msg} is an event of this namespace with an {@link #on} handler: then it ran (and its ack went out). */
    private boolean handled(Message msg) {
        if (handlers.isEmpty() || msg.isBinary() || !msg.text().startsWith(eventPrefix)) return false;
        SioPacket.Event e = eventOrNull(msg);
        java.util.function.Function<String, String> handler = e == null ? null : handlers.get(e.name());
        if (handler == null) return false;
        String args = argsOf(e, e.name(), msg.text());
        if (args == null) return false;
        String result;
        lastDelivered = msg;
        inHandler = true;
        try {
            result = handler.apply(args);
        } finally {
            inHandler = false;
        }
        if (e.ackId() >= 0 && isConnected()) {
            socket.send(SioPacket.encode(SioPacket.ACK, namespace, e.ackId(), result == null ? "[]" : result));
            emitNotYetAnswered = false; // the last write is this ack now, not an emit: no sio_rtt rather than a wrong one
        }
        return true;
    }

    /** Whether the session has ended (the server left the namespace, …): a wait stops at the next frame it sees. */
    private boolean sessionEnded() {
        return session.endReason() != null;
    }

    /** The frame's EVENT in this namespace; null for other frames. A malformed one ends the session. */
    private SioPacket.Event eventOrNull(Message m) {
        if (m.isBinary()) return null;
        try {
            return SioPacket.event(m.text(), namespace, eventPrefix);
        } catch (SioProtocolException e) {
            malformed(e);
            return null;
        }
    }

    /** The arguments of {@code e} if it is the event {@code name}; null otherwise, or when they are malformed (that ends the session). */
    private String argsOf(SioPacket.Event e, String name, String frame) {
        if (e == null || !e.name().equals(name)) return null;
        try {
            return e.args(frame);
        } catch (SioProtocolException bad) {
            malformed(bad);
            return null;
        }
    }

    /** A packet that is not Socket.IO ends every session of the connection. */
    private void malformed(SioProtocolException e) {
        if (shared.loop.failProtocol("a malformed packet from the server ended the session: " + e.getMessage())) {
            shared.connection.close(1002, ""); // not socket.close(): it would wait, inside the expect that called this
        }
    }

    /** Leaves the namespace ({@code 41}); the connection closes when no other namespace uses it. */
    @Override
    public void close() {
        if (isConnected() && shared.connection.canSend()) {
            try {
                socket.send(SioPacket.encode(SioPacket.DISCONNECT, namespace, -1, null));
            } catch (IllegalStateException closedMeanwhile) {
                // the transport went between the check and the send: nothing left to leave
            }
        }
        session.end(SioLoopSide.CLIENT_DISCONNECT);
        if (!shared.loop.anyOpen() && socket.isOpen()) socket.close(1000, "");
    }

    /** http(s):// as socket.io-client takes it, ws(s):// too. */
    private static String toWebSocketScheme(String url) {
        if (url.startsWith("http://")) return "ws://" + url.substring(7);
        if (url.startsWith("https://")) return "wss://" + url.substring(8);
        return url;
    }

    private static String engineUrl(URI given, SioConnect options) {
        StringBuilder b = new StringBuilder(given.getScheme()).append("://").append(given.getRawAuthority()).append(options.path())
                .append("?EIO=4&transport=websocket");
        String userQuery = given.getRawQuery();
        if (userQuery != null && !userQuery.isEmpty()) b.append('&').append(userQuery);
        for (var e : options.query().entrySet()) {
            b.append('&').append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
        }
        return b.toString();
    }
}
