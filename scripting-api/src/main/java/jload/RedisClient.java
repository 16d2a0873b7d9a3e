package jload;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Commands to one Redis server, synchronous. Each is timed ({@code redis_command_duration{command}}). A call that
 * fails (the server gone, a timeout, a Redis error) is counted in {@code redis_errors{kind, command}} and returns
 * {@code null} ({@code -1} for counts) — the run goes on — unless the {@code throw} option is set; {@link #lastError()}
 * says why.
 */
public interface RedisClient {
    /** PUBLISH: how many subscribers received it; -1 when the call failed. */
    default long publish(String channel, String message) {
        return publish(channel, message, java.util.Map.of());
    }

    /**
     * PUBLISH with options: {@code stamp: true} puts a stamp into the message (a JSON object's text) and remembers when
     * it went; every WebSocket or Socket.IO frame of this jload process that arrives carrying it records
     * {@code fanout_latency{channel}} (publish → the frame read), even when the target reshaped the payload.
     */
    long publish(String channel, String message, java.util.Map<String, ?> options);

    /** GET; null when there is no such key (or the call failed). */
    String get(String key);

    /** SET: "OK", or null when the call failed. */
    String set(String key, String value);

    /** DEL: how many keys were removed; -1 when the call failed. */
    long del(String... keys);

    /** INCR: the new value; -1 when the call failed (check {@link #lastError()}: -1 may be a real value). */
    long incr(String key);

    /** EXPIRE in seconds: whether the key exists (and now expires); false also when the call failed. */
    boolean expire(String key, long seconds);

    /**
     * Any other command ({@code command('HSET', 'h', 'f', 'v')}): the reply as a String, a Long, a List of them, or
     * null (also when the call failed).
     */
    Object command(String name, String... args);

    // Lists, hashes and sets: each is command(...) with its reply shaped; failed calls answer as the class says.

    /** LPUSH: the list's length after it; -1 when the call failed. */
    default long lpush(String key, String... values) { return count(command("LPUSH", RedisArgs.of(key, values))); }

    /** RPUSH: the list's length after it; -1 when the call failed. */
    default long rpush(String key, String... values) { return count(command("RPUSH", RedisArgs.of(key, values))); }

    /** LPOP: the first element; null when the list is empty (or the call failed). */
    default String lpop(String key) { return text(command("LPOP", key)); }

    /** RPOP: the last element; null when the list is empty (or the call failed). */
    default String rpop(String key) { return text(command("RPOP", key)); }

    /** LRANGE (stop inclusive, negative from the end: {@code lrange(k, 0, -1)} is the whole list); null when the call failed. */
    default List<String> lrange(String key, long start, long stop) {
        return texts(command("LRANGE", key, String.valueOf(start), String.valueOf(stop)));
    }

    /** LLEN; -1 when the call failed. */
    default long llen(String key) { return count(command("LLEN", key)); }

    /** HSET of one field: 1 when the field is new, 0 when it was replaced; -1 when the call failed. */
    default long hset(String key, String field, String value) { return count(command("HSET", key, field, value)); }

    /** HSET of several fields: how many were new; -1 when the call failed. */
    default long hset(String key, Map<String, ?> fields) {
        String[] args = new String[1 + 2 * fields.size()];
        args[0] = key;
        int i = 1;
        for (Map.Entry<String, ?> e : fields.entrySet()) {
            args[i++] = e.getKey();
            args[i++] = String.valueOf(e.getValue());
        }
        return count(command("HSET", args));
    }

    /** HGET: null when there is no such field (or the call failed). */
    default String hget(String key, String field) { return text(command("HGET", key, field)); }

    /** HGETALL as a map, in the server's order; empty when there is no such key, null when the call failed. */
    default Map<String, String> hgetall(String key) {
        List<String> flat = texts(command("HGETALL", key));
        if (flat == null) return null;
        Map<String, String> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i + 1 < flat.size(); i += 2) map.put(flat.get(i), flat.get(i + 1));
        return map;
    }

    /** HDEL: how many fields were removed; -1 when the call failed. */
    default long hdel(String key, String... fields) { return count(command("HDEL", RedisArgs.of(key, fields))); }

    /** HINCRBY: the field's new value; -1 when the call failed (check {@link #lastError()}). */
    default long hincrby(String key, String field, long by) { return count(command("HINCRBY", key, field, String.valueOf(by))); }

    /** HLEN; -1 when the call failed. */
    default long hlen(String key) { return count(command("HLEN", key)); }

    /** SADD: how many members were new; -1 when the call failed. */
    default long sadd(String key, String... members) { return count(command("SADD", RedisArgs.of(key, members))); }

    /** SREM: how many members were removed; -1 when the call failed. */
    default long srem(String key, String... members) { return count(command("SREM", RedisArgs.of(key, members))); }

    /** SMEMBERS (a set has no order); null when the call failed. */
    default List<String> smembers(String key) { return texts(command("SMEMBERS", key)); }

    /** SISMEMBER; false also when the call failed. */
    default boolean sismember(String key, String member) { return Long.valueOf(1).equals(command("SISMEMBER", key, member)); }

    /** SCARD; -1 when the call failed. */
    default long scard(String key) { return count(command("SCARD", key)); }

    // Outage drills.

    /**
     * CLIENT PAUSE for {@code millis}: {@code mode} "all" (every command of every client waits, this run's
     * included) or "write" (only writes wait; Redis 6.2+). "OK", or null when the call failed.
     */
    default String pause(long millis, String mode) {
        String m = mode.toLowerCase(java.util.Locale.ROOT);
        if (!m.equals("all") && !m.equals("write")) {
            throw new IllegalArgumentException("redis pause: mode must be 'all' or 'write', got '" + mode + "'");
        }
        if (millis < 0) throw new IllegalArgumentException("redis pause: a duration of at least 0 ms, got " + millis);
        return text(command("CLIENT", "PAUSE", String.valueOf(millis), m.toUpperCase(java.util.Locale.ROOT)));
    }

    /** CLIENT UNPAUSE (Redis 6.2+): ends a pause early. "OK", or null when the call failed. */
    default String unpause() { return text(command("CLIENT", "UNPAUSE")); }

    /**
     * CLIENT KILL of every client of {@code type} ("normal", "pubsub", "replica" or "master"; null: normal and pubsub)
     * but the connection this run sends commands on: how many were disconnected; -1 when a call failed. The run's
     * own subscriptions are among them when they match, and reconnect as any client would ({@code redis_reconnects}).
     */
    default long killClients(String type) {
        List<String> types = type == null ? List.of("normal", "pubsub") : List.of(type.toLowerCase(java.util.Locale.ROOT));
        long killed = 0;
        for (String t : types) {
            if (!List.of("normal", "pubsub", "replica", "master").contains(t)) {
                throw new IllegalArgumentException("redis killClients: type must be normal, pubsub, replica or master, got '" + type + "'");
            }
            long n = count(command("CLIENT", "KILL", "TYPE", t, "SKIPME", "yes"));
            if (n < 0) return -1;
            killed += n;
        }
        return killed;
    }

    /**
     * A real outage of a redis-server this jload process started ({@code jload run --sandbox} without REDIS_URL,
     * {@code jload sandbox --redis auto}): the server stops now — every client's connection drops, its data goes —
     * and starts again, empty, {@code millis} later; the call returns at once. For any other server, use
     * {@link #pause} or {@link #killClients}.
     * @throws IllegalArgumentException when the server is not one jload started
     */
    void outage(long millis);

    private static long count(Object reply) {
        return reply instanceof Long n ? n : -1;
    }

    private static String text(Object reply) {
        return reply instanceof String s ? s : null;
    }

    @SuppressWarnings("unchecked")
    private static List<String> texts(Object reply) {
        return reply instanceof List<?> l ? (List<String>) l : null;
    }

    /**
     * SUBSCRIBE on a connection of its own: messages are kept, in order, for {@link RedisSubscription#expect}. Options:
     * {@code persist} (keep it after the iteration that opened it; otherwise it is closed then, as a WebSocket is).
     */
    RedisSubscription subscribe(List<String> channels, Map<String, ?> options);

    default RedisSubscription subscribe(String channel) {
        return subscribe(List.of(channel), Map.of());
    }

    /** Why the last call failed; null when it did not. */
    String lastError();

    /** How long a command waits for its reply before it counts as failed. */
    Duration COMMAND_TIMEOUT = Duration.ofSeconds(10);
}
