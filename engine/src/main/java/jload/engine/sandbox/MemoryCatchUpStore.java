package jload.engine.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each room's last {@code capacity} events in memory, numbered from 1 in the order they were appended; older ones
 * are forgotten, so a long run's memory stays bounded. Each event's {@code seq} field is set to its number.
 */
final class MemoryCatchUpStore implements CatchUpStore {
    static final int DEFAULT_CAPACITY = 1_000;

    private final int capacity;
    private final Map<String, Room> rooms = new ConcurrentHashMap<>();

    MemoryCatchUpStore(int capacity) {
        if (capacity < 1) throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        this.capacity = capacity;
    }

    @Override
    public long append(String namespace, String room, ObjectNode event) {
        return rooms.computeIfAbsent(key(namespace, room), r -> new Room()).append(event, capacity);
    }

    @Override
    public List<ObjectNode> after(String namespace, String room, long after, int limit) {
        Room r = rooms.get(key(namespace, room));
        return r == null ? List.of() : r.after(after, limit);
    }

    @Override
    public String kind() {
        return "memory";
    }

    private static String key(String namespace, String room) {
        return namespace + "\u0000" + room;
    }

    /** One room's events, oldest first; the lock orders numbering and reading. */
    private static final class Room {
        private final ArrayDeque<ObjectNode> events = new ArrayDeque<>();
        private long last;

        synchronized long append(ObjectNode event, int capacity) {
            event.put("seq", ++last);
            events.addLast(event);
            if (events.size() > capacity) events.removeFirst();
            return last;
        }

        synchronized List<ObjectNode> after(long after, int limit) {
            List<ObjectNode> out = new ArrayList<>();
            for (ObjectNode e : events) {
                if (out.size() >= limit) break;
                if (e.path("seq").asLong() > after) out.add(e);
            }
            return out;
        }
    }
}
