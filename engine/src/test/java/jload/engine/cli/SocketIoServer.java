package jload.engine.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
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

    private final Process process;
    final int port;

    private SocketIoServer(Process process, int port) {
        this.process = process;
        this.port = port;
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
        installOnce();
        ProcessBuilder pb = new ProcessBuilder("node", "server.js").directory(FIXTURE.toFile()).redirectErrorStream(true);
        pb.environment().put("PING_INTERVAL", Long.toString(pingIntervalMs));
        pb.environment().put("PING_TIMEOUT", Long.toString(pingTimeoutMs));
        pb.environment().put("GOOD_TOKEN", goodToken);
        pb.environment().put("TRANSPORTS", transports);
        Process p = pb.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (line == null || !line.startsWith("LISTENING ")) {
            p.destroyForcibly();
            throw new IllegalStateException("the socket.io server did not start: " + line);
        }
        Thread.ofVirtual().start(() -> out.lines().forEach(l -> { })); // keep its output flowing
        return new SocketIoServer(p, Integer.parseInt(line.substring("LISTENING ".length()).trim()));
    }

    private static synchronized void installOnce() throws IOException, InterruptedException {
        if (Files.isDirectory(FIXTURE.resolve("node_modules/socket.io"))) return;
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
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly();
    }
}
