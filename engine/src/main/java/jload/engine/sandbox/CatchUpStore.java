package jload.engine.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Where the Socket.IO endpoint keeps each room's broadcasts for catch-up replay: a client that joins a room with
 * {@code {since: n}} is sent the kept events after sequence {@code n} before it sees live ones. The sandbox keeps
 * them in memory ({@link MemoryCatchUpStore}); a store backed by a database plugs in here. Thread-safe.
 */
interface CatchUpStore {
    /** Keeps {@code event}, the next one of {@code room}, and returns its sequence number in the room (1, 2, …). */
    long append(String room, ObjectNode event);

    /** The kept events of {@code room} after sequence {@code after}, oldest first, at most {@code limit}. */
    List<ObjectNode> after(String room, long after, int limit);
}
