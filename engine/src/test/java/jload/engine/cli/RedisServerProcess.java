package jload.engine.cli;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A redis-server of a test's own, on a free port, keeping nothing on disk, so tests never share state; stopped (and
 * startable again on the same port, for outage drills) by the test.
 */
final class RedisServerProcess implements AutoCloseable {
    private final int port;
    private final Path dir;
    private Process process;

    private RedisServerProcess(int port, Path dir) {
        this.port = port;
        this.dir = dir;
    }

    static RedisServerProcess start() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        RedisServerProcess r = new RedisServerProcess(port, Files.createTempDirectory("jload-redis"));
        r.startAgain();
        return r;
    }

    /** Starts redis-server on this port (again, after {@link #stop}); returns once it answers. */
    void startAgain() throws Exception {
        process = new ProcessBuilder("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1", "--save", "",
                "--appendonly", "no", "--dir", dir.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("redis-server did not start on port " + port + ": " + Files.readString(dir.resolve("redis.log")));
    }

    void stop() throws InterruptedException {
        if (process != null) {
            process.destroy();
            process.waitFor();
        }
    }

    String url() {
        return "redis://127.0.0.1:" + port;
    }

    int port() {
        return port;
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
