package jload.engine.proto.redis;

import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.ProtocolKeyword;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import jload.RedisClient;
import jload.RedisSubscription;
import jload.engine.metrics.TagSet;

/** A VU's client of one Redis server: its commands go over the run's shared connection to it. Used by the VU's thread. */
final class SyncRedisClient implements RedisClient {
    private final String url;
    private final RedisConnections connections;
    private final StatefulRedisConnection<String, String> shared;
    private final RedisMetrics metrics;
    private final Supplier<TagSet> vuTags;
    private final boolean throwErrors;
    private final VuRedis owner;
    private String lastError;

    SyncRedisClient(String url, RedisConnections connections, RedisMetrics metrics, Supplier<TagSet> vuTags, boolean throwErrors, VuRedis owner) {
        this.url = url;
        this.connections = connections;
        this.shared = connections.shared(url, metrics);
        this.metrics = metrics;
        this.vuTags = vuTags;
        this.throwErrors = throwErrors;
        this.owner = owner;
    }

    /** Runs one command on the shared connection, timed; see {@link #timed}. */
    private <T> T call(String command, Function<RedisCommands<String, String>, T> body, T failed) {
        return timed(command, () -> body.apply(shared.sync()), failed);
    }

    /** Runs one command, timed; a failure is counted, remembered and answered with {@code failed} (or thrown with {@code throw}). */
    private <T> T timed(String command, Supplier<T> body, T failed) {
        TagSet tags = vuTags.get().with("server", RedisUrls.masked(url));
        long start = System.nanoTime();
        try {
            T result = body.get();
            metrics.command(tags, command, (System.nanoTime() - start) / 1e6);
            lastError = null;
            return result;
        } catch (jload.engine.exec.VuInterrupted stopped) {
            throw stopped; // the test is stopping the VU: no Redis failure
        } catch (RuntimeException e) {
            metrics.error(tags, command, RedisErrors.kind(e));
            lastError = command + ": " + RedisErrors.describe(e);
            if (throwErrors) throw new IllegalStateException("redis " + lastError);
            return failed;
        }
    }

    @Override
    public long publish(String channel, String message, Map<String, ?> options) {
        for (String key : options.keySet()) {
            if (!key.equals("stamp")) throw new IllegalArgumentException("redis publish: unknown option '" + key + "'; expected stamp");
        }
        String sent = Boolean.TRUE.equals(options.get("stamp"))
                ? metrics.stamp(message, vuTags.get().with("channel", channel))
                : message;
        return call("PUBLISH", c -> c.publish(channel, sent), -1L);
    }

    @Override
    public String get(String key) {
        return call("GET", c -> c.get(key), null);
    }

    @Override
    public String set(String key, String value) {
        return call("SET", c -> c.set(key, value), null);
    }

    @Override
    public long del(String... keys) {
        return call("DEL", c -> c.del(keys), -1L);
    }

    @Override
    public long incr(String key) {
        return call("INCR", c -> c.incr(key), -1L);
    }

    @Override
    public boolean expire(String key, long seconds) {
        return call("EXPIRE", c -> c.expire(key, seconds), false);
    }

    @Override
    public Object command(String name, String... args) {
        String upper = name.toUpperCase(java.util.Locale.ROOT);
        ProtocolKeyword keyword = new ProtocolKeyword() {
            private final byte[] bytes = upper.getBytes(StandardCharsets.US_ASCII);

            @Override
            public byte[] getBytes() {
                return bytes;
            }

            @Override
            public String toString() {
                return upper;
            }
        };
        CommandArgs<String, String> commandArgs = new CommandArgs<>(StringCodec.UTF8);
        for (String a : args) commandArgs.add(a);
        java.util.OptionalLong block = BlockingCommands.blockMillis(upper, args);
        if (block.isPresent()) return timed(upper, () -> blocking(keyword, commandArgs, block.getAsLong()), null);
        return call(upper, c -> {
            RedisReplyOutput output = new RedisReplyOutput();
            c.dispatch(keyword, output, commandArgs);
            return output.reply();
        }, null);
    }

    /**
     * A command that blocks the connection it runs on (BLPOP, XREAD BLOCK, …) runs on the VU's own connection for
     * them, not the shared one, where it would hold up every VU's commands; it may wait its block time plus
     * {@link jload.RedisClient#COMMAND_TIMEOUT} (0: for ever, until the VU stops).
     */
    private Object blocking(ProtocolKeyword keyword, CommandArgs<String, String> args, long blockMillis) {
        RedisReplyOutput output = new RedisReplyOutput();
        var future = owner.blockingConnection(url, () -> connections.blocking(url, metrics)).async().dispatch(keyword, output, args);
        try {
            if (blockMillis == 0) future.get();
            else future.get(blockMillis + jload.RedisClient.COMMAND_TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            return output.reply();
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new jload.engine.exec.VuInterrupted();
        } catch (java.util.concurrent.TimeoutException e) {
            future.cancel(true);
            throw new io.lettuce.core.RedisCommandTimeoutException("Command timed out after " + (blockMillis + jload.RedisClient.COMMAND_TIMEOUT.toMillis()) + " ms");
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void outage(long millis) {
        if (millis < 0) throw new IllegalArgumentException("redis outage: a duration of at least 0 ms, got " + millis);
        io.lettuce.core.RedisURI uri = RedisUrls.parse(url);
        RedisServerProcess server = RedisServerProcess.startedOn(uri.getHost(), uri.getPort()).orElseThrow(() -> new IllegalArgumentException(
                "redis outage: " + RedisUrls.masked(url) + " is not a redis-server this jload started (run --sandbox without REDIS_URL, "
                        + "or jload sandbox --redis auto); for another server use pause(ms) or killClients()"));
        // Stopping a process waits for it: done on a thread of the JDK's scheduler, not on the VU's event loop.
        java.util.concurrent.atomic.AtomicReference<RuntimeException> refused = new java.util.concurrent.atomic.AtomicReference<>();
        Thread drill = Thread.ofVirtual().name("jload-redis-outage-drill").start(() -> {
            try {
                server.outage(java.time.Duration.ofMillis(millis));
            } catch (RuntimeException e) {
                refused.set(e); // one already under way: the script is told, not a thread's stack trace on stderr
            }
        });
        try {
            drill.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new jload.engine.exec.VuInterrupted();
        }
        if (refused.get() != null) throw new IllegalStateException("redis outage: " + refused.get().getMessage());
    }

    @Override
    public RedisSubscription subscribe(List<String> channels, Map<String, ?> options) {
        for (String key : options.keySet()) {
            if (!key.equals("persist")) throw new IllegalArgumentException("redis subscribe: unknown option '" + key + "'; expected persist");
        }
        if (channels.isEmpty()) throw new IllegalArgumentException("redis subscribe: name at least one channel");
        TagSet tags = vuTags.get().with("server", RedisUrls.masked(url));
        SyncRedisSubscription s;
        try {
            s = SyncRedisSubscription.open(connections.pubSub(url, metrics), channels, () -> metrics.messageReceived(tags),
                    () -> metrics.error(tags, "SUBSCRIBE", "backlog_full"));
        } catch (RuntimeException e) {
            metrics.error(tags, "SUBSCRIBE", RedisErrors.kind(e));
            lastError = "SUBSCRIBE: " + RedisErrors.describe(e);
            if (throwErrors) throw new IllegalStateException("redis " + lastError);
            s = SyncRedisSubscription.failed(lastError);
        }
        owner.opened(s, Boolean.TRUE.equals(options.get("persist")));
        return s;
    }

    @Override
    public String lastError() {
        return lastError;
    }
}
