package jload.engine.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A test server written for Node ({@code server.js} in a fixture folder), in a process of its own: it prints
 * {@code LISTENING <port>} once it listens on 127.0.0.1.
 */
final class NodeServer implements AutoCloseable {
    private final Process process;
    final int port;

    private NodeServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static NodeServer start(Path fixture, Map<String, String> env) throws IOException {
        ProcessBuilder pb = new ProcessBuilder("node", "server.js").directory(fixture.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (line == null || !line.startsWith("LISTENING ")) {
            p.destroyForcibly();
            throw new IllegalStateException("the Node server in " + fixture.getFileName() + " did not start: " + line);
        }
        Thread.ofVirtual().start(() -> out.lines().forEach(l -> { })); // keep its output flowing
        return new NodeServer(p, Integer.parseInt(line.substring("LISTENING ".length()).trim()));
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly();
    }
}
