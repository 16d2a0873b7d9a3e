package jload.engine.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;

/**
 * {@code /ws/rooms}: chat-style fan-out. Clients join and leave named rooms and broadcast JSON to a room; every
 * member, the sender included, receives each broadcast, which is what a load test measures fan-out latency with.
 * Events published on the sandbox's Redis channel ({@link RedisRoomBridge}) reach a room's members the same way.
 */
final class RoomsEndpoint implements EndpointHandler {
    private final MessageSender sender;
    private final AtomicLong connectionIds = new AtomicLong();
    private final Rooms<WebSocket> rooms = new Rooms<>();

    RoomsEndpoint(SandboxMetrics metrics) {
        this.sender = new MessageSender(Endpoint.ROOMS, metrics);
    }

    @Override
    public Endpoint endpoint() {
        return Endpoint.ROOMS;
    }

    /** An event from outside (the Redis bridge) to the room's members, as a broadcast {@code from: "redis"} with the published object as data. */
    void deliver(RoomEvent event) {
        ObjectNode message = JsonMessages.message("message").put("room", event.room()).put("from", "redis");
        message.set("data", event.published());
        String encoded = JsonMessages.encode(message);
        for (WebSocket member : rooms.members(event.room())) sender.send(member, encoded);
    }

    @Override
    public EndpointSession accept(WebSocket connection, UpgradeTarget target, ClientHandshake request) {
        return new RoomsSession(connection, "conn-" + connectionIds.incrementAndGet());
    }

    private final class RoomsSession implements EndpointSession {
        private final WebSocket connection;
        private final String id;
        private final Set<String> joined = ConcurrentHashMap.newKeySet();

        RoomsSession(WebSocket connection, String id) {
            this.connection = connection;
            this.id = id;
        }

        @Override
        public void onText(String text) {
            Optional<ObjectNode> parsed = JsonMessages.parseObject(text);
            if (parsed.isEmpty()) {
                reply(JsonMessages.error("message is not a JSON object"));
                return;
            }
            ObjectNode message = parsed.get();
            String type = JsonMessages.text(message, "type").orElse("");
            Optional<String> room = JsonMessages.text(message, "room");
            switch (type) {
                case "join", "leave", "broadcast" -> {
                    if (room.isEmpty()) {
                        reply(JsonMessages.error(type + " needs a non-empty string \"room\""));
                        return;
                    }
                    switch (type) {
                        case "join" -> onJoin(room.get());
                        case "leave" -> onLeave(room.get());
                        default -> onBroadcast(room.get(), message.get("data"));
                    }
                }
                case "" -> reply(JsonMessages.error("message needs a string \"type\": join, leave or broadcast"));
                default -> reply(JsonMessages.error("unknown type \"" + type + "\": expected join, leave or broadcast"));
            }
        }

        @Override
        public void onBinary(ByteBuffer message) {
            reply(JsonMessages.error("binary messages are not supported here; send JSON text"));
        }

        @Override
        public void onClose() {
            for (String room : joined) rooms.leave(room, connection);
            joined.clear();
        }

        private void onJoin(String room) {
            joined.add(room);
            int members = rooms.join(room, connection);
            reply(JsonMessages.encode(JsonMessages.message("joined").put("room", room).put("members", members)));
        }

        private void onLeave(String room) {
            joined.remove(room);
            if (!rooms.leave(room, connection)) {
                reply(JsonMessages.error("not in room \"" + room + "\""));
                return;
            }
            reply(JsonMessages.encode(JsonMessages.message("left").put("room", room)));
        }

        private void onBroadcast(String room, JsonNode data) {
            if (!rooms.isMember(room, connection)) {
                reply(JsonMessages.error("not in room \"" + room + "\"; join it before broadcasting"));
                return;
            }
            ObjectNode message = JsonMessages.message("message").put("room", room).put("from", id);
            message.set("data", data == null ? NullNode.getInstance() : data);
            String encoded = JsonMessages.encode(message);
            for (WebSocket member : rooms.members(room)) sender.send(member, encoded); // none if emptied meanwhile
        }

        private void reply(String encoded) {
            sender.send(connection, encoded);
        }
    }
}
