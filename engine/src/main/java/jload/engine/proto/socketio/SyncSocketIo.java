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
 * A Socket.IO v4 client used synchronously by one VU, over one of the VU's WebSockets (so the
 * socket's ws_* metrics, its backlog and its closing at the iteration's end are jload/ws's). The
 * heartbeat and the counting of incoming events happen on the event loop ({@link SioLoopSide}).
 * Only the VU's thread calls it.
 */
public final class SyncSocketIo implements SocketIo {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WebSocket socket;
    private final WsConnection connection;
    private final SioLoopSide loop;
    private final SioMetrics metrics;
    private final String namespace;
    /** How every EVENT of this namespace starts ({@code 42} or {@code 42/ns,}): a cheap look before a parse. */
    private final String eventPrefix;
    private final long zeroNanos;
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

    private SyncSocketIo(WebSocket socket, WsConnection connection, SioLoopSide loop, SioMetrics metrics, String namespace,
                         long zeroNanos) {
        this.socket = socket;
        this.connection = connection;
        this.loop = loop;
        this.metrics = metrics;
        this.namespace = namespace;
        this.eventPrefix = SioPacket.encode(SioPacket.EVENT, namespace, -1, null);
        this.zeroNanos = zeroNanos;
    }

    /** Opens the WebSocket, waits for Engine.IO's open packet, then for the namespace's CONNECT answer. */
    public static SyncSocketIo connect(VuWebSockets sockets, MetricRegistry registry, BuiltinMetrics builtins, TagSet vuTags,
                                       String url, SioConnect options) {
        URI given = WsUrls.parse(toWebSocketScheme(url));
        String namespace = options.namespace() != null ? options.namespace()
                : given.getRawPath() == null || given.getRawPath().isEmpty() || given.getRawPath().equals("/") ? "/" : given.getPath();
        String engineUrl = engineUrl(given, options);
        URI engineUri = WsUrls.parse(engineUrl);
        Map<String, String> extra = Map.of("namespace", namespace);
        SioMetrics metrics = new SioMetrics(registry, builtins, WsMetrics.socketTags(vuTags, Map.of(), engineUri).with("namespace", namespace));
        SioLoopSide loop = new SioLoopSide(metrics, namespace);
        long dialNanos = System.nanoTime();
        WsConnect ws = new WsConnect(options.headers(), java.util.List.of(), options.timeout(), false, extra, options.persist(),
                WsConnect.DEFAULT_MAX_MESSAGE_SIZE);
        VuWebSockets.Opened opened = sockets.connect(engineUrl, ws, loop);
        SyncSocketIo io = new SyncSocketIo(opened.socket(), opened.connection(), loop, metrics, namespace, sockets.zeroNanos());
        io.handshake(options, dialNanos);
        return io;
    }

    private void handshake(SioConnect options, long dialNanos) {
        if (!socket.ok()) {
            fail("connect_failed", whyNoWebSocket());
            return;
        }
        Message open = socket.expect(m -> !m.isBinary(), options.timeout());
        if (open == null) {
            fail("timeout", "no Engine.IO open packet within " + options.timeout().toMillis() + " ms");
            return;
        }
        String openProblem = openPacketProblem(open.text());
        if (openProblem != null) {
            fail("protocol", openProblem);
            return;
        }
        socket.send(SioPacket.encode(SioPacket.CONNECT, namespace, -1, options.authJson()));
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
        }, options.timeout());
        if (bad[0] != null) {
            fail("protocol", "a malformed packet from the server: " + bad[0].getMessage());
        } else if (reply == null) {
            if (loop.endReason() != null) fail("connect_failed", "the connection ended before namespace " + namespace + " answered (" + loop.endReason() + ")");
            else fail("timeout", "namespace " + namespace + " did not answer the CONNECT within " + options.timeout().toMillis() + " ms");
        } else if (answer[0].type() == SioPacket.CONNECT_ERROR) {
            JsonNode data = answer[0].data();
            String message = data.isTextual() ? data.asText() : data.path("message").asText(data.toString());
            fail("connect_error", "namespace " + namespace + " refused the connection: " + message);
        } else {
            ok = true;
            id = answer[0].data() == null ? null : answer[0].data().path("sid").asText(null);
            loop.markConnected();
            metrics.connected((nanosOf(reply) - dialNanos) / 1e6);
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
        String body = connection.responseBody() == null ? "" : connection.responseBody().trim();
        if (status == 400) {
            return "the server refused Engine.IO v4 over WebSocket (HTTP 400" + (body.isEmpty() ? "" : ": " + SioPacket.clip(body))
                    + "); jload speaks Socket.IO 3/4 (Engine.IO v4) over the websocket transport only: a Socket.IO 2.x server "
                    + "(Engine.IO v3) or one that allows only long-polling cannot be reached yet";
        }
        return socket.error() != null ? socket.error() : "the WebSocket handshake failed (HTTP " + status + ")";
    }

    /**
     * A failed connect, counted once: when the event loop already ended the session on a frame that is
     * not Engine.IO (counted there), that is the reason told, not the timeout it caused.
     */
    private void fail(String kind, String why) {
        String protocol = loop.protocolError();
        if (protocol != null) {
            error = protocol;
        } else {
            error = why;
            metrics.error(kind);
        }
        loop.end(SioLoopSide.TRANSPORT_CLOSE);
        if (socket.isOpen()) connection.close(1000, "");
    }

    /** When the frame was read on the event loop, System.nanoTime. */
    private long nanosOf(Message m) {
        return zeroNanos + (long) (m.receivedAtMillis() * 1e6);
    }

    private double sinceLastWriteMillis(Message m) {
        long sent = connection.lastWriteNanos();
        long at = nanosOf(m);
        return sent == 0 || at < sent ? -1 : (at - sent) / 1e6;
    }

    @Override
    public boolean ok() {
        return ok;
    }

    @Override
    public String error() {
        return error != null ? error : loop.protocolError();
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
        return ok && loop.endReason() == null && socket.isOpen();
    }

    @Override
    public String disconnectReason() {
        return ok ? loop.endReason() : null;
    }

    @Override
    public void emit(String event, String argsJson) {
        send(event, argsJson, -1);
    }

    private void send(String event, String argsJson, long ackId) {
        if (!isConnected()) throw new IllegalStateException("socket.io: not connected" + (disconnectReason() != null ? " (" + disconnectReason() + ")" : ""));
        String data = SioPacket.eventData(event, argsJson);
        var binary = data.contains(SioPacket.BINARY) ? SioPacket.binaryEvent(namespace, ackId, data) : null;
        if (binary == null) socket.send(SioPacket.encode(SioPacket.EVENT, namespace, ackId, data));
        else connection.send(binary.getKey(), binary.getValue()); // the packet, then its attachments, in one write
        metrics.eventSent();
        emitNotYetAnswered = true; // the next expect() times from it (also an event an emitWithAck causes)
    }

    @Override
    public String emitWithAck(String event, String argsJson, Duration timeout) {
        long ackId = nextAckId++;
        send(event, argsJson, ackId);
        SioPacket[] ack = new SioPacket[1];
        // A look at the frame's start before parsing it: only a frame that can be this ack is parsed.
        String ackStart = SioPacket.encode(SioPacket.ACK, namespace, ackId, null);
        Message m = await(msg -> {
            String t = msg.isBinary() ? "" : msg.text();
            if (!t.startsWith(ackStart) || t.length() > ackStart.length() && t.charAt(ackStart.length()) >= '0' && t.charAt(ackStart.length()) <= '9') {
                return sessionEnded();
            }
            SioPacket p = packetOrNull(msg);
            if (p == null || p.type() != SioPacket.ACK || p.ackId() != ackId || !p.namespace().equals(namespace)) return sessionEnded();
            ack[0] = p;
            return true;
        }, timeout);
        if (m == null || ack[0] == null) {
            metrics.error(isConnected() ? "ack_timeout" : "disconnected");
            return null;
        }
        double ms = sinceLastWriteMillis(m);
        if (ms >= 0) metrics.ackDuration(ms);
        return ack[0].argsJson();
    }

    @Override
    public String expect(String event, Predicate<String> match, Duration timeout) {
        String[] args = new String[1];
        // Only a frame that is an event of this namespace naming {@code event} somewhere is parsed.
        String quotedName = SioPacket.quoted(event);
        Message m = await(msg -> {
            String t = msg.isBinary() ? "" : msg.text();
            if (!t.startsWith(eventPrefix) || !t.contains(quotedName)) return sessionEnded();
            SioPacket p = packetOrNull(msg);
            if (p == null || p.type() != SioPacket.EVENT || !p.namespace().equals(namespace) || !p.eventName().equals(event)) return sessionEnded();
            String a = p.argsJson();
            if (!match.test(a)) return false;
            args[0] = a;
            return true;
        }, timeout);
        if (m == null || args[0] == null) return null;
        if (emitNotYetAnswered) {
            // Timed from this socket's last write, which is that emit: the VU wrote nothing since.
            emitNotYetAnswered = false;
            double ms = sinceLastWriteMillis(m);
            if (ms >= 0) metrics.rtt(ms);
        }
        return args[0];
    }

    @Override
    public void on(String event, java.util.function.Function<String, String> handler) {
        handlers.put(event, handler);
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
        SioPacket p = packetOrNull(msg);
        if (p == null || p.type() != SioPacket.EVENT || !p.namespace().equals(namespace)) return false;
        java.util.function.Function<String, String> handler = handlers.get(p.eventName());
        if (handler == null) return false;
        String result;
        inHandler = true;
        try {
            result = handler.apply(p.argsJson());
        } finally {
            inHandler = false;
        }
        if (p.ackId() >= 0 && isConnected()) {
            socket.send(SioPacket.encode(SioPacket.ACK, namespace, p.ackId(), result == null ? "[]" : result));
            emitNotYetAnswered = false; // the last write is this ack now, not an emit: no sio_rtt rather than a wrong one
        }
        return true;
    }

    /** Whether the session has ended (the server left the namespace, …): a wait stops at the next frame it sees. */
    private boolean sessionEnded() {
        return loop.endReason() != null;
    }

    /** The Socket.IO packet in a text frame; null for other frames. A malformed one ends the session. */
    private SioPacket packetOrNull(Message m) {
        if (m.isBinary() || m.text().length() < 2 || m.text().charAt(0) != SioPacket.EIO_MESSAGE) return null;
        try {
            return SioPacket.parseMessage(m.text());
        } catch (SioProtocolException e) {
            if (loop.end(SioLoopSide.PROTOCOL)) {
                error = "a malformed packet from the server ended the session: " + e.getMessage();
                metrics.error("protocol");
                connection.close(1002, ""); // not socket.close(): it would wait, inside the expect that called this
            }
            return null;
        }
    }

    @Override
    public void close() {
        if (isConnected() && connection.canSend()) {
            try {
                socket.send(SioPacket.encode(SioPacket.DISCONNECT, namespace, -1, null));
            } catch (IllegalStateException closedMeanwhile) {
                // the transport went between the check and the send: nothing left to leave
            }
        }
        loop.end(SioLoopSide.CLIENT_DISCONNECT);
        if (socket.isOpen()) socket.close(1000, "");
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
