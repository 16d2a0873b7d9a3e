package jload;

/** A VU's Redis access ({@code jload/redis}). */
public interface Redis {
    /**
     * A client of the Redis server at {@code url} ({@code redis://[:password@]host[:port][/db]}, {@code rediss://} for TLS).
     * Ordinary commands share one connection per server in the whole run (Redis pipelines them); each subscription
     * has its own. May be called in the init code: a malformed URL, or a server that refuses, stops the run there
     * with one line naming it (the password masked).
     */
    RedisClient client(String url);
}
