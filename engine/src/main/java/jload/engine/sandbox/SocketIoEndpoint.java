package jload.engine.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import jload.engine.proto.socketio.SioPacket;
import jload.engine.proto.socketio.SioProtocolException;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;

/**
 * {@code /socket.io/?EIO=4&transport=websocket}: a Socket.IO 4 server (Engine.IO v4 over WebSocket only),
 * enough to load-test a Socket.IO client on a fresh machine. Namespaces: {@code /} (open) and {@code /secure}
 * (its CONNECT needs {@code auth: {token: <HS256 JWT>}}, the presence endpoint's tokens). Events, in either:
 * {@code echo} (emitted back), {@code join}/{@code leave} a room (acked with the room and its members),
 * {@code broadcast} (room, data) to the room's members as a {@code broadcast} event with the sender and a server
 * timestamp, {@code disconnect-me} (the server disconnects the socket and closes the connection), {@code leave-me} (the server
 * leaves the namespace, the connection stays), {@code handshake} (acked with the CONNECT's
 * auth, the upgrade's query and Origin), {@code go-silent} (ms: no pings to this client for that long, as a stuck
 * server), {@code garbage} (a frame that is no Socket.IO packet), {@code ask} (q: the server emits
 * {@code question} asking for an ack, then emits {@code answered} with the ack's first argument); any other event asking for an ack is acked with its own arguments. The server pings every {@code pingInterval} ms and drops a client that does not answer
 * within {@code pingTimeout} ms (25,000 / 20,000 as socket.io's defaults; the query may set both, for tests).
 */
final class SocketIoEndpoint implements EndpointHandler, AutoCloseable {
    static final long DEFAULT_PING_INTERVAL = 25_000, DEFAULT_PING_TIMEOUT = 20_000;
    static final String SECURE = "/secure";

    private final MessageSender sender;
    private final Hs256Jwt jwt;
    private final Clock clock;
    /** Rooms, named roomKey(namespace, room). */
    private final Rooms<SioSession> rooms = new Rooms<>();
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sandbox-socketio-heartbeat");
        t.setDaemon(true);
        return t;
    });

    SocketIoEndpoint(SandboxMetrics metrics, Hs256Jwt jwt, Clock clock) {
        this.sender = new MessageSender(Endpoint.SOCKET_IO, metrics);
        this.jwt = jwt;
        this.clock = clock;
    }

    @Override
    public Endpoint endpoint() {
        return Endpoint.SOCKET_IO;
    }

    @Override
    public EndpointSession accept(WebSocket connection, UpgradeTarget target, ClientHandshake request) throws UpgradeRejectedException {
        // socket.io answers these with HTTP 400 and a JSON body naming the problem; so does the sandbox.
        if (!"4".equals(target.parameter("EIO").orElse(""))) {
            throw new UpgradeRejectedException(400, "{\"code\":5,\"message\":\"Unsupported protocol version\"}");
        }
        if (!"websocket".equals(target.parameter("transport").orElse(""))) {
            throw new UpgradeRejectedException(400, "{\"code\":0,\"message\":\"Transport unknown\"}");
        }
        long interval = target.intParameter("pingInterval", (int) DEFAULT_PING_INTERVAL);
        long timeout = target.intParameter("pingTimeout", (int) DEFAULT_PING_TIMEOUT);
        if (interval < 50 || timeout < 50) throw new UpgradeRejectedException(400, "pingInterval and pingTimeout must be at least 50 ms");
        SioSession session = new SioSession(connection, interval, timeout);
        ObjectNode query = session.handshakeSeen.putObject("query");
        target.query().forEach(query::put);
        String origin = request.getFieldValue("Origin");
        session.handshakeSeen.put("origin", origin == null || origin.isEmpty() ? null : origin);
        return session;
    }

    /** Stops the heartbeat thread (the sandbox is closing). */
    @Override
    public void close() {
        heartbeat.shutdownNow();
    }

    private static String roomKey(String namespace, String room) {
        return namespace + "\u0000" + room;
    }

    private final class SioSession implements EndpointSession {
        private final WebSocket connection;
        private final String sid = UUID.randomUUID().toString();
        private final long pingInterval, pingTimeout;
        /** Connected namespaces → this socket's id in each. */
        private final Map<String, String> namespaces = new ConcurrentHashMap<>();
        /** Rooms joined, as roomKey(namespace, room) → [namespace, room]. */
        private final Map<String, String[]> joined = new ConcurrentHashMap<>();
        /** Acks this server asked the client for ({@code ask}), by id → namespace. */
        private final Map<Long, String> askedAcks = new ConcurrentHashMap<>();
        private final java.util.concurrent.atomic.AtomicLong nextAskId = new java.util.concurrent.atomic.AtomicLong();
        /** Pings sent, and how many of them a pong had answered by then: a ping's check looks at its own. */
        private volatile long pingsSent, pingsAnswered;
        private volatile ScheduledFuture<?> pinger;

        SioSession(WebSocket connection, long pingInterval, long pingTimeout) {
            this.connection = connection;
            this.pingInterval = pingInterval;
            this.pingTimeout = pingTimeout;
        }

        /** What the upgrade carried, for the {@code handshake} event. */
        private ObjectNode handshakeSeen = JsonMessages.mapper().createObjectNode();

        @Override
        public void onOpen() {
            ObjectNode open = JsonMessages.mapper().createObjectNode().put("sid", sid);
            open.putArray("upgrades");
            open.put("pingInterval", pingInterval).put("pingTimeout", pingTimeout).put("maxPayload", 1_000_000);
            send(SioPacket.EIO_OPEN + open.toString());
            pinger = heartbeat.scheduleAtFixedRate(this::ping, pingInterval, pingInterval, TimeUnit.MILLISECONDS);
        }

        private void ping() {
            if (!connection.isOpen()) return;
            long n = ++pingsSent; // only the heartbeat thread pings
            send(String.valueOf(SioPacket.EIO_PING));
            heartbeat.schedule(() -> {
                if (pingsAnswered < n) connection.close(); // socket.io: "ping timeout"
            }, pingTimeout, TimeUnit.MILLISECONDS);
        }

        @Override
        public void onText(String text) {
            if (text.isEmpty()) return;
            switch (text.charAt(0)) {
                case SioPacket.EIO_PONG -> pingsAnswered = pingsSent;
                case SioPacket.EIO_CLOSE -> connection.close();
                case SioPacket.EIO_MESSAGE -> onPacket(text);
                default -> { } // ping, noop, upgrade: nothing to answer over WebSocket
            }
        }

        private void onPacket(String text) {
            SioPacket p;
            try {
                p = SioPacket.parseMessage(text);
            } catch (SioProtocolException e) {
                connection.close(); // socket.io closes the transport on a packet it cannot decode
                return;
            }
            switch (p.type()) {
                case SioPacket.CONNECT -> onConnect(p);
                case SioPacket.DISCONNECT -> leaveNamespace(p.namespace());
                case SioPacket.EVENT -> {
                    if (namespaces.containsKey(p.namespace())) onEvent(p);
                }
                case SioPacket.ACK -> {
                    String ns = askedAcks.remove(p.ackId());
                    if (ns != null) emit(ns, "answered", JsonMessages.mapper().createArrayNode().add("answered").add(p.data().path(0)));
                }
                default -> { }
            }
        }

        private void onConnect(SioPacket p) {
            String ns = p.namespace();
            if (!ns.equals("/") && !ns.equals(SECURE)) {
                send(SioPacket.encode(SioPacket.CONNECT_ERROR, ns, -1, "{\"message\":\"Invalid namespace\"}"));
                return;
            }
            if (ns.equals(SECURE)) {
                String token = p.data() == null ? "" : p.data().path("token").asText("");
                try {
                    jwt.verify(token, clock.instant());
                } catch (InvalidTokenException e) {
                    ObjectNode error = JsonMessages.mapper().createObjectNode().put("message", "not authorized: " + e.getMessage());
                    send(SioPacket.encode(SioPacket.CONNECT_ERROR, ns, -1, error.toString()));
                    return;
                }
            }
            String id = UUID.randomUUID().toString();
            namespaces.put(ns, id);
            handshakeSeen.set("auth", p.data() == null ? JsonMessages.mapper().createObjectNode() : p.data());
            send(SioPacket.encode(SioPacket.CONNECT, ns, -1, JsonMessages.mapper().createObjectNode().put("sid", id).toString()));
        }

        private void onEvent(SioPacket p) {
            String ns = p.namespace();
            JsonNode args = p.data();
            switch (p.eventName()) {
                case "echo" -> emit(ns, "echo", args);
                case "join" -> {
                    String room = args.path(1).asText("");
                    joined.put(roomKey(ns, room), new String[] {ns, room});
                    int members = rooms.join(roomKey(ns, room), this);
                    ack(p, JsonMessages.mapper().createObjectNode().put("room", room).put("members", members));
                }
                case "leave" -> {
                    String room = args.path(1).asText("");
                    joined.remove(roomKey(ns, room));
                    rooms.leave(roomKey(ns, room), this);
                    ack(p, JsonMessages.mapper().createObjectNode().put("room", room));
                }
                case "broadcast" -> {
                    String room = args.path(1).asText("");
                    ObjectNode message = JsonMessages.mapper().createObjectNode().put("room", room).put("from", namespaces.get(ns));
                    message.set("data", args.path(2));
                    message.put("ts", clock.millis());
                    ArrayNode data = JsonMessages.mapper().createArrayNode().add("broadcast").add(message);
                    String encoded = SioPacket.encode(SioPacket.EVENT, ns, -1, data.toString());
                    Set<SioSession> members = rooms.members(roomKey(ns, room));
                    for (SioSession member : members) member.send(encoded);
                    ack(p, JsonMessages.mapper().createObjectNode().put("delivered", members.size()));
                }
                case "handshake" -> ack(p, handshakeSeen);
                case "ask" -> { // the server asks the client (an ack it waits for), then tells it the answer it got
                    long id = nextAskId.getAndIncrement();
                    askedAcks.put(id, ns);
                    ArrayNode question = JsonMessages.mapper().createArrayNode().add("question").add(args.path(1));
                    send(SioPacket.encode(SioPacket.EVENT, ns, id, question.toString()));
                }
                case "go-silent" -> {
                    ScheduledFuture<?> current = pinger;
                    if (current != null) current.cancel(false);
                    long ms = args.path(1).asLong(0);
                    pinger = heartbeat.scheduleAtFixedRate(this::ping, ms + pingInterval, pingInterval, TimeUnit.MILLISECONDS);
                }
                case "garbage" -> send(SioPacket.EIO_MESSAGE + "x-not-socket.io"); // a fault to be survived
                case "leave-me" -> { // the server leaves the namespace; the transport stays (socket.disconnect() in socket.io)
                    send(SioPacket.encode(SioPacket.DISCONNECT, ns, -1, null));
                    leaveNamespace(ns);
                }
                case "disconnect-me" -> {
                    send(SioPacket.encode(SioPacket.DISCONNECT, ns, -1, null));
                    leaveNamespace(ns);
                    if (namespaces.isEmpty()) connection.close();
                }
                default -> {
                    if (p.ackId() >= 0) send(SioPacket.encode(SioPacket.ACK, ns, p.ackId(), p.argsJson()));
                }
            }
        }

        private void emit(String ns, String event, JsonNode eventData) {
            ArrayNode data = JsonMessages.mapper().createArrayNode().add(event);
            for (int i = 1; i < eventData.size(); i++) data.add(eventData.get(i));
            send(SioPacket.encode(SioPacket.EVENT, ns, -1, data.toString()));
        }

        private void ack(SioPacket p, JsonNode value) {
            if (p.ackId() < 0) return;
            send(SioPacket.encode(SioPacket.ACK, p.namespace(), p.ackId(), JsonMessages.mapper().createArrayNode().add(value).toString()));
        }

        private void leaveNamespace(String ns) {
            namespaces.remove(ns);
            joined.values().removeIf(r -> {
                if (!r[0].equals(ns)) return false;
                rooms.leave(roomKey(r[0], r[1]), this);
                return true;
            });
        }

        private void send(String text) {
            sender.send(connection, text);
        }

        @Override
        public void onBinary(ByteBuffer message) {
            connection.close(); // binary attachments are not supported by the sandbox
        }

        @Override
        public void onClose() {
            ScheduledFuture<?> p = pinger;
            if (p != null) p.cancel(false);
            for (String ns : Set.copyOf(namespaces.keySet())) leaveNamespace(ns);
        }
    }
}
