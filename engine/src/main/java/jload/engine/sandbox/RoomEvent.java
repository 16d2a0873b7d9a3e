package jload.engine.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An event for a room that came from outside the sandbox's own sockets (a Redis channel, see {@link RedisRoomBridge}):
 * {@code room} is whom it is for, {@code event} the Socket.IO event name it is emitted as, {@code published} the whole
 * published object (so whatever a load test put in it, a fan-out stamp included, reaches the members unchanged).
 */
record RoomEvent(String room, String event, ObjectNode published) {
    static final String DEFAULT_EVENT = "broadcast";
}
