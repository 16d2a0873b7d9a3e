package jload.engine.proto.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import jload.Redis;
import jload.RedisClient;
import jload.engine.metrics.BuiltinMetrics;
import jload.engine.metrics.MetricRegistry;
import jload.engine.metrics.TagSet;

/**
 * One VU's Redis clients and subscriptions. A subscription not persisted is closed when the iteration that opened it
 * ends (as a WebSocket is); every one when the VU ends. Used only by the VU's thread.
 */
public final class VuRedis implements Redis {
    private final Supplier<RedisConnections> connections;
    private final RedisMetrics metrics;
    private final Supplier<TagSet> vuTags;
    private final boolean throwErrors;
    private final List<SyncRedisSubscription> thisIteration = new ArrayList<>();
    private final List<SyncRedisSubscription> kept = new ArrayList<>();
    /** This VU's connection for blocking commands, per server URL; kept until the VU ends. */
    private final java.util.Map<String, io.lettuce.core.api.StatefulRedisConnection<String, String>> blocking = new java.util.HashMap<>();
    private boolean inIteration;

    public VuRedis(Supplier<RedisConnections> connections, MetricRegistry registry, BuiltinMetrics builtins, Supplier<TagSet> vuTags,
                   boolean throwErrors) {
        this.connections = connections;
        this.metrics = new RedisMetrics(registry, builtins);
        this.vuTags = vuTags;
        this.throwErrors = throwErrors;
    }

    /** @throws RedisSetupException for a malformed URL or a server that refuses: in the init code, that stops the run */
    @Override
    public RedisClient client(String url) {
        return new SyncRedisClient(url, connections.get(), metrics, vuTags, throwErrors, this);
    }

    io.lettuce.core.api.StatefulRedisConnection<String, String> blockingConnection(
            String url, Supplier<io.lettuce.core.api.StatefulRedisConnection<String, String>> open) {
        return blocking.computeIfAbsent(url, u -> open.get());
    }

    void opened(SyncRedisSubscription s, boolean persist) {
        (inIteration && !persist ? thisIteration : kept).add(s);
    }

    public void beginIteration() {
        inIteration = true;
    }

    public void endIteration() {
        inIteration = false;
        for (SyncRedisSubscription s : thisIteration) s.close();
        thisIteration.clear();
    }

    /** The VU is done. */
    public void closeAll() {
        endIteration();
        for (SyncRedisSubscription s : kept) s.close();
        kept.clear();
        for (var c : blocking.values()) c.closeAsync();
        blocking.clear();
    }
}
