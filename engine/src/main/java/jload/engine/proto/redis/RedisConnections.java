package jload.engine.proto.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The run's Redis connections: per server one Lettuce client and one shared connection for ordinary commands (thread
 * safe; Redis pipelines what many VUs send), and a connection per subscription. Lettuce's defaults would hide an outage
 * as latency (commands queued while disconnected, replayed on reconnect, possibly twice): here a disconnected
 * connection rejects commands at once, each command times out after {@link jload.RedisClient#COMMAND_TIMEOUT}, and
 * reconnects are tried every 100 ms to 2 s, each one that succeeds counted ({@code redis_reconnects{server}}). Lettuce
 * runs its own I/O threads (two, its minimum), not jload's event loops.
 */
public final class RedisConnections implements AutoCloseable {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static {
        LettuceLog.silence();
    }

    private volatile ClientResources resources;
    private final Map<String, Server> servers = new ConcurrentHashMap<>();

    /** A server's client for the shared and subscription connections, and its client for blocking commands (made when first needed). */
    private record Server(RedisClient client, StatefulRedisConnection<String, String> shared, RedisClient[] blockingClient) {}

    /** Whether {@code url} is a Redis URL; @throws RedisSetupException naming it (password masked) when not. */
    public static void check(String url) {
        RedisUrls.parse(url);
    }

    /**
     * The shared connection to {@code url}, connected on first use; its reconnects (and those of the subscriptions to
     * the same server) are reported to {@code metrics}. @throws RedisSetupException naming the URL, password masked
     */
    StatefulRedisConnection<String, String> shared(String url, RedisMetrics metrics) {
        return server(url, metrics).shared();
    }

    /** A connection of its own for a subscription. */
    StatefulRedisPubSubConnection<String, String> pubSub(String url, RedisMetrics metrics) {
        try {
            return server(url, metrics).client().connectPubSub(StringCodec.UTF8);
        } catch (RuntimeException e) {
            throw new RedisSetupException(RedisUrls.masked(url) + ": cannot subscribe: " + RedisErrors.describe(e));
        }
    }

    /**
     * A connection of its own for a VU's blocking commands (BLPOP, XREAD BLOCK, …), from a client without Lettuce's
     * command timeout: the caller bounds the wait by the command's own block time.
     */
    StatefulRedisConnection<String, String> blocking(String url, RedisMetrics metrics) {
        Server s = server(url, metrics);
        RedisClient blockingClient;
        synchronized (s.blockingClient()) {
            if (s.blockingClient()[0] == null) {
                RedisURI uri = RedisUrls.parse(url);
                RedisClient c = RedisClient.create(resources(), uri);
                c.setOptions(options(TimeoutOptions.builder().timeoutCommands(false).build()));
                c.addListener(new ReconnectCounter(() -> metrics.reconnected(RedisUrls.masked(url))));
                s.blockingClient()[0] = c;
            }
            blockingClient = s.blockingClient()[0];
        }
        try {
            return blockingClient.connect(StringCodec.UTF8);
        } catch (RuntimeException e) {
            throw new RedisSetupException(RedisUrls.masked(url) + ": " + RedisErrors.describe(e));
        }
    }

    private static ClientOptions options(TimeoutOptions timeouts) {
        return ClientOptions.builder()
                .protocolVersion(io.lettuce.core.protocol.ProtocolVersion.RESP2) // replies as RESP2 types: strings, numbers, arrays
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(timeouts)
                .socketOptions(SocketOptions.builder().connectTimeout(CONNECT_TIMEOUT).build())
                .build();
    }

    private Server server(String url, RedisMetrics metrics) {
        Server s = servers.get(url);
        if (s != null) return s;
        synchronized (this) {
            s = servers.get(url);
            if (s != null) return s;
            RedisURI uri = RedisUrls.parse(url);
            uri.setTimeout(jload.RedisClient.COMMAND_TIMEOUT);
            RedisClient client = RedisClient.create(resources(), uri);
            client.setOptions(options(TimeoutOptions.enabled(jload.RedisClient.COMMAND_TIMEOUT)));
            client.addListener(new ReconnectCounter(() -> metrics.reconnected(RedisUrls.masked(url))));
            try {
                s = new Server(client, client.connect(StringCodec.UTF8), new RedisClient[1]);
            } catch (RuntimeException e) {
                client.shutdownAsync();
                throw new RedisSetupException(RedisUrls.masked(url) + ": " + RedisErrors.describe(e));
            }
            servers.put(url, s);
            return s;
        }
    }

    private ClientResources resources() {
        if (resources == null) {
            resources = DefaultClientResources.builder().ioThreadPoolSize(2).computationThreadPoolSize(2)
                    .reconnectDelay(Delay.exponential(Duration.ofMillis(100), Duration.ofSeconds(2), 2, TimeUnit.MILLISECONDS))
                    .build();
        }
        return resources;
    }

    @Override
    public synchronized void close() {
        for (Server s : servers.values()) {
            s.shared().closeAsync();
            s.client().shutdown(Duration.ZERO, Duration.ofSeconds(2));
            RedisClient blocking = s.blockingClient()[0];
            if (blocking != null) blocking.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
        servers.clear();
        if (resources != null) resources.shutdown(0, 2, TimeUnit.SECONDS);
        resources = null;
    }
}
