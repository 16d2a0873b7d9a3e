package jload.engine.sandbox;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Named groups of members, safe from any thread. An empty room is removed, so room names sent by a
 * load test do not pile up for the server's lifetime.
 */
final class Rooms<M> {
    private final ConcurrentHashMap<String, Set<M>> byName = new ConcurrentHashMap<>();

    /** Members of {@code room} after adding {@code member}. */
    int join(String room, M member) {
        AtomicInteger members = new AtomicInteger();
        byName.compute(room, (name, current) -> {
            Set<M> set = current != null ? current : ConcurrentHashMap.newKeySet();
            set.add(member);
            members.set(set.size());
            return set;
        });
        return members.get();
    }

    /** Whether {@code member} was in {@code room}. */
    boolean leave(String room, M member) {
        boolean[] removed = new boolean[1];
        byName.computeIfPresent(room, (name, set) -> {
            removed[0] = set.remove(member);
            return set.isEmpty() ? null : set;
        });
        return removed[0];
    }

    boolean isMember(String room, M member) {
        Set<M> set = byName.get(room);
        return set != null && set.contains(member);
    }

    /** The room's members now; empty when there is no such room. */
    Set<M> members(String room) {
        return byName.getOrDefault(room, Set.of());
    }
}
