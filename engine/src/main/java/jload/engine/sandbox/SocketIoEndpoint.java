package jload.engine.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.List;
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
 * {@code question} asking for an ack, then emits {@code answered} with the ack's first argument), {@code bin} (bytes, label:
 * acked with the bytes and a 255 appended, and the label, then emitted back as {@code bin} {@code {label, bytes}} —
 * binary attachments both ways, as the interop fixture's npm server does); any other event asking for an ack is acked with its own arguments. The server pings every {@code pingInterval} ms and drops a client that does not answer
 * within {@code pingTimeout} ms (25,000 / 20,000 as socket.io's defaults; the query may set both, for tests).
 *
 * <p>Caps ({@link SocketIoLimits}), as seed 001's gateway enforces them: a connection over the connection or per-Origin
 * cap is accepted into its namespace, sent the error event ({@code {code, message}}) and disconnected; a {@code join}
 * beyond the subscription cap is sent the error event and acked with {@code {room, error}}; a connection that sent no
 * Socket.IO packet for the idle timeout is sent the error event and disconnected. Catch-up: each room's broadcasts
 * are kept ({@link CatchUpStore}, numbered {@code seq}); {@code join(room, {since: n})} is acked with the number to
 * replay, then sends each kept event after {@code n} as {@code catch-up} and ends with {@code catch-up-complete}
 * ({@code {room, count}}). Signalling ({@link Signalling}, seed 004's widget and call server): {@code visitor:join},
 * {@code agent:login}, {@code call:request}, {@code call:accept}, … .
 */
final class SocketIoEndpoint implements EndpointHandler, AutoCloseable {
    static final long DEFAULT_PING_INTERVAL = 25_000, DEFAULT_PING_TIMEOUT = 20_000;
    static final String SECURE = "/secure";

    /** At most this many events are replayed for one join. */
    static final int MAX_REPLAY = MemoryCatchUpStore.DEFAULT_CAPACITY;

    private final MessageSender sender;
    private final Hs256Jwt jwt;
    private final Clock clock;
    private final SocketIoAdmission admission;
    private final CatchUpStore catchUp;
    private final CatchUpStats catchUpStats;
    private final Signalling signalling;
    /** Sessions open now, for the idle sweep. */
    private final Set<SioSession> sessions = ConcurrentHashMap.newKeySet();
    /** Rooms, named roomKey(namespace, room). */
    private final Rooms<SioSession> rooms = new Rooms<>();
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sandbox-socketio-heartbeat");
        t.setDaemon(true);
        return t;
    });

    SocketIoEndpoint(SandboxMetrics metrics, Hs256Jwt jwt, Clock clock, SocketIoLimits limits, CatchUpStore catchUp) {
        this.sender = new MessageSender(Endpoint.SOCKET_IO, metrics);
        this.jwt = jwt;
        this.clock = clock;
        this.admission = new SocketIoAdmission(limits);
        this.catchUp = catchUp;
        this.catchUpStats = new CatchUpStats(catchUp.kind());
        metrics.add(admission);
        metrics.add(catchUpStats);
        this.signalling = new Signalling(limits.ringTimeout(), heartbeat, clock);
        metrics.add(signalling);
        long idleMillis = limits.idleTimeout().toMillis();
        if (idleMillis > 0) {
            // A twentieth of the timeout: an idle connection goes within 5 % after its time (seed 001 allows 500 ms).
            long every = Math.max(10, idleMillis / 20);
            heartbeat.scheduleWithFixedDelay(this::evictIdle, every, every, TimeUnit.MILLISECONDS);
        }
    }

    private void evictIdle() {
        long idleNanos = admission.limits().idleTimeout().toNanos();
        long now = System.nanoTime();
        for (SioSession s : sessions) {
            if (now - s.lastActivityNanos > idleNanos) s.refuseAndDisconnect(SocketIoLimits.Refusal.IDLE_TIMEOUT);
        }
    }

    SocketIoLimits limits() {
        return admission.limits();
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
        String origin = request.getFieldValue("Origin");
        SioSession session = new SioSession(connection, interval, timeout, origin == null ? "" : origin);
        ObjectNode query = session.handshakeSeen.putObject("query");
        target.query().forEach(query::put);
        session.handshakeSeen.put("origin", origin == null || origin.isEmpty() ? null : origin);
        return session;
    }

    /** Stops the heartbeat thread (the sandbox is closing). */
    @Override
    public void close() {
        heartbeat.shutdownNow();
    }

    /** An event from outside (the Redis bridge) to the room's members in {@code /}: the published object is its data. */
    void deliver(RoomEvent event) {
        broadcast("/", event.room(), event.event(), "redis", event.published());
    }

    /**
     * Emits {@code event} {@code {room, from, data, ts, seq}} to the members of {@code room} in namespace {@code ns},
     * after keeping it for catch-up (which numbers it); returns how many members it was sent to.
     */
    private int broadcast(String ns, String room, String event, String from, JsonNode data) {
        ObjectNode message = JsonMessages.mapper().createObjectNode().put("room", room).put("from", from);
        message.set("data", data);
        message.put("ts", clock.millis());
        try {
            catchUp.append(ns, room, message);
        } catch (RuntimeException storeGone) { // the live event still goes out; a later replay will miss it
            catchUpStats.storeFailed();
        }
        String encoded = SioPacket.encode(SioPacket.EVENT, ns, -1, JsonMessages.mapper().createArrayNode().add(event).add(message).toString());
        Set<SioSession> members = rooms.members(roomKey(ns, room));
        for (SioSession member : members) member.send(encoded);
        return members.size();
    }

    private static String roomKey(String namespace, String room) {
        return namespace + "\u0000" + room;
    }

    /** One namespace of a connection, as the signalling addresses it (equal for the same session and namespace). */
    private record NamespaceSocket(SioSession session, String namespace) implements SignallingPeer {
        @Override
        public void emit(String event, JsonNode data) {
            session.sendPacket(SioPacket.EVENT, namespace, -1, JsonMessages.mapper().createArrayNode().add(event).add(data).toString());
        }
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
        private final String origin;
        /** Counted by the admission (its first namespace was let in): released when the connection ends. */
        private volatile boolean admitted;
        /** Refused or evicted: its remaining packets are ignored while the close goes out. */
        private volatile boolean refused;
        /** A binary packet ({@code 45n-}/{@code 46n-}) waiting for its attachments; the decoder thread's only. */
        private String binaryPacket;
        private java.util.List<byte[]> attachments;
        private int attachmentsMissing;
        /** When the client last sent a Socket.IO packet (pongs are Engine.IO's, and do not count). */
        private volatile long lastActivityNanos = System.nanoTime();
        /** Pings sent, and how many of them a pong had answered by then: a ping's check looks at its own. */
        private volatile long pingsSent, pingsAnswered;
        private volatile ScheduledFuture<?> pinger;

        SioSession(WebSocket connection, long pingInterval, long pingTimeout, String origin) {
            this.connection = connection;
            this.pingInterval = pingInterval;
            this.pingTimeout = pingTimeout;
            this.origin = origin;
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
            sessions.add(this);
        }

        /**
         * Tells every namespace this connection is in why it is refused (the error event), leaves them and closes
         * the connection, as seed 001's gateway does ({@code client.emit(error); client.disconnect(true)}). Once.
         */
        void refuseAndDisconnect(SocketIoLimits.Refusal why) {
            synchronized (this) {
                if (refused) return;
                refused = true;
            }
            if (why == SocketIoLimits.Refusal.IDLE_TIMEOUT) admission.refused(why);
            for (String ns : Set.copyOf(namespaces.keySet())) {
                send(SioPacket.encode(SioPacket.EVENT, ns, -1, errorEventData(why, null)));
                send(SioPacket.encode(SioPacket.DISCONNECT, ns, -1, null));
                leaveNamespace(ns);
            }
            connection.close();
        }

        private String errorEventData(SocketIoLimits.Refusal why, String room) {
            ObjectNode error = JsonMessages.mapper().createObjectNode().put("code", why.code).put("message", why.message);
            if (room != null) error.put("room", room);
            return JsonMessages.mapper().createArrayNode().add(admission.limits().errorEvent()).add(error).toString();
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
                case SioPacket.EIO_MESSAGE -> {
                    char type = text.length() > 1 ? text.charAt(1) : ' ';
                    if (type == '0' + SioPacket.BINARY_EVENT || type == '0' + SioPacket.BINARY_ACK) awaitAttachments(text);
                    else onPacket(text);
                }
                default -> { } // ping, noop, upgrade: nothing to answer over WebSocket
            }
        }

        private void awaitAttachments(String text) {
            int dash = text.indexOf('-');
            try {
                attachmentsMissing = Integer.parseInt(text.substring(2, dash));
            } catch (RuntimeException e) {
                connection.close(); // socket.io closes the transport on a packet it cannot decode
                return;
            }
            binaryPacket = text;
            attachments = new java.util.ArrayList<>(attachmentsMissing);
            if (attachmentsMissing == 0) packetComplete();
        }

        private void packetComplete() {
            String packet = binaryPacket;
            binaryPacket = null;
            try {
                onPacket(SioPacket.withAttachments(packet, attachments));
            } catch (SioProtocolException e) {
                connection.close();
            }
        }

        private void onPacket(String text) {
            if (refused) return;
            lastActivityNanos = System.nanoTime();
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
            if (!admitted) { // the connection's first namespace: the connection caps apply now, as in a gateway's handleConnection
                SocketIoLimits.Refusal refusal = admission.admit(origin);
                if (refusal != null) refuseAndDisconnect(refusal);
                else admitted = true;
            }
        }

        private void onEvent(SioPacket p) {
            String ns = p.namespace();
            JsonNode args = p.data();
            switch (p.eventName()) {
                case "echo" -> emit(ns, "echo", args);
                case "join" -> join(p, args.path(1).asText(""), args.path(2).path("since"));
                case "leave" -> {
                    String room = args.path(1).asText("");
                    joined.remove(roomKey(ns, room));
                    rooms.leave(roomKey(ns, room), this);
                    ack(p, JsonMessages.mapper().createObjectNode().put("room", room));
                }
                case "broadcast" -> {
                    int delivered = broadcast(ns, args.path(1).asText(""), "broadcast", namespaces.get(ns), args.path(2));
                    ack(p, JsonMessages.mapper().createObjectNode().put("delivered", delivered));
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
                case "bin" -> { // bytes, label: acked with the bytes and a 255 appended, then emitted back in an object
                    byte[] in = java.util.Base64.getDecoder().decode(args.path(1).path(SioPacket.BINARY).asText(""));
                    byte[] plus = java.util.Arrays.copyOf(in, in.length + 1);
                    plus[in.length] = (byte) 255;
                    ArrayNode ack = JsonMessages.mapper().createArrayNode();
                    ack.addObject().put(SioPacket.BINARY, java.util.Base64.getEncoder().encodeToString(plus));
                    ack.add(args.path(2));
                    if (p.ackId() >= 0) sendPacket(SioPacket.ACK, ns, p.ackId(), ack.toString());
                    ArrayNode back = JsonMessages.mapper().createArrayNode().add("bin");
                    back.addObject().<ObjectNode>set("label", args.path(2)).set("bytes", args.path(1));
                    sendPacket(SioPacket.EVENT, ns, -1, back.toString());
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
                    if (Signalling.EVENTS.contains(p.eventName())) {
                        ack(p, signalling.handle(new NamespaceSocket(this, ns), p.eventName(), args.path(1)));
                    } else if (p.ackId() >= 0) {
                        sendPacket(SioPacket.ACK, ns, p.ackId(), p.argsJson());
                    }
                }
            }
        }

        /** Joins {@code room} unless that passes the subscription cap; then replays the kept events after {@code since} (a number). */
        private void join(SioPacket p, String room, JsonNode since) {
            String ns = p.namespace();
            String key = roomKey(ns, room);
            int cap = admission.limits().maxSubscriptionsPerClient();
            if (cap > 0 && !joined.containsKey(key) && subscriptions(ns) >= cap) {
                admission.refused(SocketIoLimits.Refusal.SUBSCRIPTION_LIMIT);
                send(SioPacket.encode(SioPacket.EVENT, ns, -1, errorEventData(SocketIoLimits.Refusal.SUBSCRIPTION_LIMIT, room)));
                ack(p, JsonMessages.mapper().createObjectNode().put("room", room).put("error", SocketIoLimits.Refusal.SUBSCRIPTION_LIMIT.message));
                return;
            }
            joined.put(key, new String[] {ns, room});
            int members = rooms.join(key, this);
            ObjectNode answer = JsonMessages.mapper().createObjectNode().put("room", room).put("members", members);
            if (!since.isNumber()) {
                ack(p, answer);
                return;
            }
            long start = System.nanoTime();
            List<ObjectNode> replay;
            String failed = null;
            try {
                replay = catchUp.after(ns, room, since.asLong(), MAX_REPLAY);
            } catch (RuntimeException storeGone) {
                catchUpStats.storeFailed();
                replay = List.of();
                failed = "catch-up store unavailable";
            }
            answer.put("replay", replay.size());
            if (failed != null) answer.put("error", failed);
            ack(p, answer);
            for (ObjectNode event : replay) {
                send(SioPacket.encode(SioPacket.EVENT, ns, -1, JsonMessages.mapper().createArrayNode().add("catch-up").add(event).toString()));
            }
            ObjectNode done = JsonMessages.mapper().createObjectNode().put("room", room).put("count", replay.size());
            if (failed != null) done.put("error", failed);
            send(SioPacket.encode(SioPacket.EVENT, ns, -1, JsonMessages.mapper().createArrayNode().add("catch-up-complete").add(done).toString()));
            if (failed == null) catchUpStats.replayed(replay.size(), System.nanoTime() - start);
        }

        private int subscriptions(String ns) {
            int n = 0;
            for (String[] r : joined.values()) {
                if (r[0].equals(ns)) n++;
            }
            return n;
        }

        private void emit(String ns, String event, JsonNode eventData) {
            ArrayNode data = JsonMessages.mapper().createArrayNode().add(event);
            for (int i = 1; i < eventData.size(); i++) data.add(eventData.get(i));
            sendPacket(SioPacket.EVENT, ns, -1, data.toString());
        }

        private void ack(SioPacket p, JsonNode value) {
            if (p.ackId() < 0) return;
            send(SioPacket.encode(SioPacket.ACK, p.namespace(), p.ackId(), JsonMessages.mapper().createArrayNode().add(value).toString()));
        }

        private void leaveNamespace(String ns) {
            if (namespaces.remove(ns) != null) signalling.left(new NamespaceSocket(this, ns));
            joined.values().removeIf(r -> {
                if (!r[0].equals(ns)) return false;
                rooms.leave(roomKey(r[0], r[1]), this);
                return true;
            });
        }

        /** One frame; under the session's lock, so that no frame comes between a binary packet and its attachments. */
        private synchronized void send(String text) {
            sender.send(connection, text);
        }

        /** An EVENT or ACK; one with {@code {"_binary": …}} in its data goes as a binary packet and its attachments. */
        private synchronized void sendPacket(int type, String ns, long ackId, String dataJson) {
            var binary = SioPacket.binaryPacket(type, ns, ackId, dataJson);
            if (binary == null) {
                send(SioPacket.encode(type, ns, ackId, dataJson));
                return;
            }
            send(binary.getKey());
            for (byte[] attachment : binary.getValue()) sender.send(connection, ByteBuffer.wrap(attachment));
        }

        @Override
        public void onBinary(ByteBuffer message) {
            if (binaryPacket == null) {
                connection.close(); // bytes that belong to no binary packet: not Socket.IO
                return;
            }
            byte[] bytes = new byte[message.remaining()];
            message.get(bytes);
            attachments.add(bytes);
            if (--attachmentsMissing == 0) packetComplete();
        }

        @Override
        public void onClose() {
            sessions.remove(this);
            if (admitted) admission.release(origin);
            ScheduledFuture<?> p = pinger;
            if (p != null) p.cancel(false);
            for (String ns : Set.copyOf(namespaces.keySet())) leaveNamespace(ns);
        }
    }
}
