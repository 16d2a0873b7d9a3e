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
    private final long zeroNanos;
    private boolean ok;
    private String error;
    private String id;
    private long nextAckId;

    private SyncSocketIo(WebSocket socket, WsConnection connection, SioLoopSide loop, SioMetrics metrics, String namespace,
                         long zeroNanos) {
        this.socket = socket;
        this.connection = connection;
        this.loop = loop;
        this.metrics = metrics;
        this.namespace = namespace;
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
        if (open.text().isEmpty() || open.text().charAt(0) != SioPacket.EIO_OPEN) {
            fail("protocol", "the server's first frame is not an Engine.IO open packet: " + SioPacket.clip(open.text()));
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
            fail("timeout", loop.endReason() != null ? "the connection ended before namespace " + namespace + " answered ("
                    + loop.endReason() + ")" : "namespace " + namespace + " did not answer the CONNECT within " + options.timeout().toMillis() + " ms");
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

    private void fail(String kind, String why) {
        error = why;
        metrics.error(kind);
        loop.end(SioLoopSide.TRANSPORT_CLOSE);
        if (socket.isOpen()) socket.close(1000, "");
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
        if (error != null) return error;
        String protocol = loop.protocolError();
        return protocol != null ? protocol : null;
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
        socket.send(SioPacket.encode(SioPacket.EVENT, namespace, ackId, SioPacket.eventData(event, argsJson)));
        metrics.eventSent();
    }

    @Override
    public String emitWithAck(String event, String argsJson, Duration timeout) {
        long ackId = nextAckId++;
        send(event, argsJson, ackId);
        SioPacket[] ack = new SioPacket[1];
        Message m = socket.expect(msg -> {
            SioPacket p = packetOrNull(msg);
            if (p == null || p.type() != SioPacket.ACK || p.ackId() != ackId || !p.namespace().equals(namespace)) return false;
            ack[0] = p;
            return true;
        }, timeout);
        if (m == null) {
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
        Message m = socket.expect(msg -> {
            SioPacket p = packetOrNull(msg);
            if (p == null || p.type() != SioPacket.EVENT || !p.namespace().equals(namespace) || !p.eventName().equals(event)) return false;
            String a = p.argsJson();
            if (!match.test(a)) return false;
            args[0] = a;
            return true;
        }, timeout);
        if (m == null) return null;
        double ms = sinceLastWriteMillis(m);
        if (ms >= 0) metrics.rtt(ms);
        return args[0];
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
                socket.close(1002, "");
            }
            return null;
        }
    }

    @Override
    public void close() {
        if (isConnected()) {
            socket.send(SioPacket.encode(SioPacket.DISCONNECT, namespace, -1, null));
            loop.end(SioLoopSide.CLIENT_DISCONNECT);
        }
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
