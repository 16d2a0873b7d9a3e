package jload.engine.proto.redis;

import jload.engine.metrics.BuiltinMetrics;
import jload.engine.metrics.MetricRegistry;
import jload.engine.metrics.TagSet;

/** The redis_* samples of one VU. Thread-safe. */
final class RedisMetrics {
    private final MetricRegistry registry;
    private final BuiltinMetrics m;

    RedisMetrics(MetricRegistry registry, BuiltinMetrics builtins) {
        this.registry = registry;
        this.m = builtins;
    }

    void command(TagSet tags, String command, double millis) {
        registry.add(m.redisCommandDuration, tags.with("command", command), millis);
    }

    void error(TagSet tags, String command, String kind) {
        registry.add(m.redisErrors, tags.with("command", command).with("kind", kind), 1);
    }

    /** {@code message} stamped for fan-out latency, whose samples carry {@code tags} (see FanoutStamps). */
    String stamp(String message, TagSet tags) {
        return jload.engine.proto.FanoutStamps.stamp(message, registry, m.fanoutLatency, tags);
    }

    /** A connection to {@code server} (masked) came back; run-wide, so no VU's tags. */
    void reconnected(String server) {
        registry.add(m.redisReconnects, TagSet.EMPTY.with("server", server), 1);
    }

    void messageReceived(TagSet tags) {
        registry.add(m.redisMessagesReceived, tags, 1);
    }
}
