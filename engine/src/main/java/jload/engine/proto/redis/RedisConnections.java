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

    /**
     * One server: its client for the shared and subscription connections, and its client for blocking commands (no
     * command timeout), made when first needed.
     */
    private final class Server {
        final String url;
        final RedisMetrics metrics;
        final RedisClient client;
        final StatefulRedisConnection<String, String> shared;
        private RedisClient blockingClient;

        Server(String url, RedisMetrics metrics, RedisClient client, StatefulRedisConnection<String, String> shared) {
            this.url = url;
            this.metrics = metrics;
            this.client = client;
            this.shared = shared;
        }

        synchronized RedisClient blockingClient() {
            if (blockingClient == null) blockingClient = newClient(url, metrics, TimeoutOptions.builder().timeoutCommands(false).build(), null);
            return blockingClient;
        }

        synchronized void close() {
            shared.closeAsync();
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            if (blockingClient != null) blockingClient.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }

    /** Whether {@code url} is a Redis URL; @throws RedisSetupException naming it (password masked) when not. */
    public static void check(String url) {
        RedisUrls.parse(url);
    }

    /**
     * The shared connection to {@code url}, connected on first use; its reconnects (and those of the subscriptions to
     * the same server) are reported to {@code metrics}. @throws RedisSetupException naming the URL, password masked
     */
    StatefulRedisConnection<String, String> shared(String url, RedisMetrics metrics) {
        return server(url, metrics).shared;
    }

    /** A connection of its own for a subscription. */
    StatefulRedisPubSubConnection<String, String> pubSub(String url, RedisMetrics metrics) {
        try {
            return server(url, metrics).client.connectPubSub(StringCodec.UTF8);
        } catch (RuntimeException e) {
            throw new RedisSetupException(RedisUrls.masked(url) + ": cannot subscribe: " + RedisErrors.describe(e));
        }
    }

    /**
     * A connection of its own for a VU's blocking commands (BLPOP, XREAD BLOCK, …), from a client without Lettuce's
     * command timeout: the caller bounds the wait by the command's own block time.
     */
    StatefulRedisConnection<String, String> blocking(String url, RedisMetrics metrics) {
        try {
            return server(url, metrics).blockingClient().connect(StringCodec.UTF8);
        } catch (RuntimeException e) {
            throw new RedisSetupException(RedisUrls.masked(url) + ": " + RedisErrors.describe(e));
        }
    }

    /** A Lettuce client of {@code url} with jload's options, its reconnects counted; {@code commandTimeout} null for none on the URI. */
    private RedisClient newClient(String url, RedisMetrics metrics, TimeoutOptions timeouts, Duration commandTimeout) {
        RedisURI uri = RedisUrls.parse(url);
        if (commandTimeout != null) uri.setTimeout(commandTimeout);
        RedisClient client = RedisClient.create(resources(), uri);
        client.setOptions(options(timeouts));
        client.addListener(new ReconnectCounter(() -> metrics.reconnected(RedisUrls.masked(url))));
        return client;
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
            RedisClient client = newClient(url, metrics, TimeoutOptions.enabled(jload.RedisClient.COMMAND_TIMEOUT), jload.RedisClient.COMMAND_TIMEOUT);
            try {
                s = new Server(url, metrics, client, client.connect(StringCodec.UTF8));
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
        for (Server s : servers.values()) s.close();
        servers.clear();
        if (resources != null) resources.shutdown(0, 2, TimeUnit.SECONDS);
        resources = null;
    }
}
