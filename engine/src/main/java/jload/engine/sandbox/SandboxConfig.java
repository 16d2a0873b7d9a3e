package jload.engine.sandbox;

import java.util.Objects;

/**
 * What a sandbox is started with. {@code redisUrl}: when set, rooms are also fed from {@code redisChannel} on that
 * server ({@link RedisRoomBridge}); {@code mongoUri}: when set, Socket.IO catch-up reads and keeps events in its
 * database ({@link MongoCatchUpStore}) instead of memory. Either may be null.
 */
public record SandboxConfig(int wsPort, int httpPort, String jwtSecret, SocketIoLimits socketIoLimits,
                            String redisUrl, String redisChannel, String mongoUri) {
    public static final String DEFAULT_REDIS_CHANNEL = "jload.sandbox.rooms";

    public SandboxConfig {
        Objects.requireNonNull(jwtSecret, "jwtSecret");
        Objects.requireNonNull(socketIoLimits, "socketIoLimits");
        Objects.requireNonNull(redisChannel, "redisChannel");
    }

    /** Any free ports, the default secret, no caps, no Redis, catch-up in memory. */
    public static SandboxConfig defaults() {
        return new SandboxConfig(0, 0, SandboxServer.DEFAULT_SECRET, SocketIoLimits.NONE, null, DEFAULT_REDIS_CHANNEL, null);
    }

    public SandboxConfig withPorts(int ws, int http) {
        return new SandboxConfig(ws, http, jwtSecret, socketIoLimits, redisUrl, redisChannel, mongoUri);
    }

    public SandboxConfig withSecret(String secret) {
        return new SandboxConfig(wsPort, httpPort, secret, socketIoLimits, redisUrl, redisChannel, mongoUri);
    }

    public SandboxConfig withSocketIoLimits(SocketIoLimits limits) {
        return new SandboxConfig(wsPort, httpPort, jwtSecret, limits, redisUrl, redisChannel, mongoUri);
    }

    public SandboxConfig withRedis(String url, String channel) {
        return new SandboxConfig(wsPort, httpPort, jwtSecret, socketIoLimits, url, channel, mongoUri);
    }

    public SandboxConfig withMongo(String uri) {
        return new SandboxConfig(wsPort, httpPort, jwtSecret, socketIoLimits, redisUrl, redisChannel, uri);
    }
}
