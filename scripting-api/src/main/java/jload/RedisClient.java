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
