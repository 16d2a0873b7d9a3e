package jload.engine.script;

import java.util.List;
import java.util.Map;
import jload.RedisClient;
import jload.RedisSubscription;

/** A Redis client made while the options are read: its URL was checked; a command would run before any VU, so none does. */
final class InitOnlyRedisClient implements RedisClient {
    private static IllegalStateException initOnly() {
        return new IllegalStateException("Redis commands are not available in the init context; call them in the default function, setup() or teardown()");
    }

    @Override public long publish(String channel, String message, Map<String, ?> options) { throw initOnly(); }
    @Override public String get(String key) { throw initOnly(); }
    @Override public String set(String key, String value) { throw initOnly(); }
    @Override public long del(String... keys) { throw initOnly(); }
    @Override public long incr(String key) { throw initOnly(); }
    @Override public boolean expire(String key, long seconds) { throw initOnly(); }
    @Override public Object command(String name, String... args) { throw initOnly(); }
    @Override public void outage(long millis) { throw initOnly(); }
    @Override public RedisSubscription subscribe(List<String> channels, Map<String, ?> options) { throw initOnly(); }
    @Override public String lastError() { return null; }
}
