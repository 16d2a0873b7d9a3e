package jload.engine.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Where the Socket.IO endpoint keeps each room's broadcasts for catch-up replay: a client that joins a room with
 * {@code {since: n}} is sent the kept events after sequence {@code n} before it sees live ones. The sandbox keeps
 * them in memory ({@link MemoryCatchUpStore}); a store backed by a database plugs in here. Thread-safe.
 */
interface CatchUpStore {
    /**
     * Keeps {@code event}, the next one of {@code room} in {@code namespace}, sets its {@code seq} field to its
     * sequence number in the room (1, 2, …) and returns it.
     * @throws RuntimeException when the store cannot keep it (a database gone)
     */
    long append(String namespace, String room, ObjectNode event);

    /**
     * The kept events of {@code room} in {@code namespace} after sequence {@code after}, oldest first, at most {@code limit}.
     * @throws RuntimeException when the store cannot be read
     */
    List<ObjectNode> after(String namespace, String room, long after, int limit);

    /** What keeps the events, for /metrics: "memory" or "mongodb". */
    String kind();
}
