package jload.engine.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The real npm socket.io 4.x server (engine/src/test/socketio-server/server.js) in a Node process of
 * its own, on a free port. Its dependencies come from the committed lockfile ({@code npm ci}, once).
 */
final class SocketIoServer implements AutoCloseable {
    static final Path FIXTURE = Path.of("src/test/socketio-server").toAbsolutePath();

    private final NodeServer node;
    final int port;

    private SocketIoServer(NodeServer node) {
        this.node = node;
        this.port = node.port;
    }

    /**
     * Starts the server with Engine.IO's heartbeat at {@code pingIntervalMs} / {@code pingTimeoutMs};
     * namespace /secure accepts {@code auth.token == goodToken}.
     */
    static SocketIoServer start(long pingIntervalMs, long pingTimeoutMs, String goodToken) throws IOException, InterruptedException {
        return start(pingIntervalMs, pingTimeoutMs, goodToken, "websocket,polling");
    }

    /** The same, accepting only {@code transports} (e.g. "polling": a server a WebSocket-only client cannot reach). */
    static SocketIoServer start(long pingIntervalMs, long pingTimeoutMs, String goodToken, String transports)
            throws IOException, InterruptedException {
        return start(java.util.Map.of("PING_INTERVAL", Long.toString(pingIntervalMs), "PING_TIMEOUT", Long.toString(pingTimeoutMs),
                "GOOD_TOKEN", goodToken, "TRANSPORTS", transports));
    }

    /**
     * With the fixture's environment as given: e.g. the gateway's guardrails (MAX_CONNECTIONS, MAX_PER_ORIGIN,
     * MAX_SUBSCRIPTIONS, IDLE_TIMEOUT_MS, ERROR_EVENT), with its /metrics page; REDIS_URL (an instance of a cluster
     * joined by @socket.io/redis-adapter) and BUS_CHANNEL (the Redis channel whose {room, …} messages it relays).
     */
    static SocketIoServer start(java.util.Map<String, String> env) throws IOException, InterruptedException {
        installOnce();
        return new SocketIoServer(NodeServer.start(FIXTURE, env));
    }

    private static synchronized void installOnce() throws IOException, InterruptedException {
        // npm ci writes node_modules/.package-lock.json: older than the lockfile means the fixture's dependencies changed.
        Path installed = FIXTURE.resolve("node_modules/.package-lock.json");
        if (Files.exists(installed)
                && !Files.getLastModifiedTime(installed).toInstant().isBefore(Files.getLastModifiedTime(FIXTURE.resolve("package-lock.json")).toInstant())) {
            return;
        }
        Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(FIXTURE.toFile())
                .redirectErrorStream(true).start();
        String log = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) throw new IllegalStateException("npm ci failed:\n" + log);
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() throws Exception {
        node.close();
    }
}
