package jload.engine.proto.redis;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A redis-server of jload's own (for {@code --sandbox} runs, {@code jload sandbox --redis auto}, and tests), on a free
 * port of 127.0.0.1, keeping nothing on disk, so nothing is shared with another Redis; stopped by its process (and
 * startable again on the same port, for outage drills: {@link #outage}). The ones running in this process are known
 * by port ({@link #startedOn}), so a script's client can drill one of them.
 */
public final class RedisServerProcess implements AutoCloseable {
    private static final java.util.Map<Integer, RedisServerProcess> RUNNING = new java.util.concurrent.ConcurrentHashMap<>();

    private final int port;
    private final Path dir;
    private volatile Process process;
    private Thread restarter;

    private RedisServerProcess(int port, Path dir) {
        this.port = port;
        this.dir = dir;
    }

    /** The redis-server to run: {@code -Djload.redisServer=PATH}, else the one on the PATH. */
    static String binary() {
        return System.getProperty("jload.redisServer", "redis-server");
    }

    /** Whether there is a redis-server to run. */
    public static boolean available() {
        String binary = binary();
        if (binary.contains(java.io.File.separator)) return Files.isExecutable(Path.of(binary));
        String path = System.getenv("PATH");
        if (path == null) return false;
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, binary))) return true;
        }
        return false;
    }

    /** @throws IOException when redis-server cannot be run or does not answer within 10 s (its log in the message) */
    public static RedisServerProcess start() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        RedisServerProcess r = new RedisServerProcess(port, Files.createTempDirectory("jload-redis"));
        try {
            r.startAgain();
        } catch (IOException | RuntimeException e) {
            r.close();
            throw e;
        }
        RUNNING.put(port, r);
        return r;
    }

    /** Kills every redis-server this process started and has not closed: the way out when the JVM halts. */
    public static void stopAll() {
        for (RedisServerProcess r : RUNNING.values()) {
            Process p = r.process;
            if (p != null) p.destroyForcibly();
        }
    }

    /** A JVM that exits without closing them (System.exit, an uncaught error) still stops its servers. */
    private static final Thread ON_EXIT = Thread.ofPlatform().name("jload-redis-servers-stop").unstarted(RedisServerProcess::stopAll);

    static {
        Runtime.getRuntime().addShutdownHook(ON_EXIT);
    }

    /** The redis-server this process started on 127.0.0.1:{@code port} and has not closed, if any. */
    public static java.util.Optional<RedisServerProcess> startedOn(String host, int port) {
        boolean loopback = host.equals("127.0.0.1") || host.equals("localhost");
        return loopback ? java.util.Optional.ofNullable(RUNNING.get(port)) : java.util.Optional.empty();
    }

    /**
     * An outage: stops the server now (its clients see the connection drop) and starts it again, empty, on the same
     * port {@code down} later, on a thread of its own: the caller goes on meanwhile. One at a time.
     * @throws IllegalStateException when an outage is already under way
     */
    public synchronized void outage(Duration down) {
        if (restarter != null && restarter.isAlive()) throw new IllegalStateException("an outage of redis-server :" + port + " is already under way");
        stop();
        // A platform thread: a virtual one started from a VU thread would inherit the VU's event loop as its carrier,
        // and this one outlives the run when the outage ends after it.
        restarter = Thread.ofPlatform().daemon().name("jload-redis-outage").start(() -> {
            try {
                Thread.sleep(down);
                startAgain();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // closed meanwhile: stays down
            } catch (IOException e) {
                // It stays down; the clients' failures and missing reconnects say so.
            }
        });
    }

    /** Starts redis-server on this port (again, after {@link #stop}); returns once it answers. */
    public synchronized void startAgain() throws IOException {
        process = new ProcessBuilder(binary(), "--port", String.valueOf(port), "--bind", "127.0.0.1", "--save", "",
                "--appendonly", "no", "--dir", dir.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                if (!process.isAlive()) break;
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        process.destroy();
        throw new IOException("redis-server did not start on port " + port + ": " + Files.readString(dir.resolve("redis.log")));
    }

    /** Stops the process and waits (at most 5 s) for it to go. */
    public void stop() {
        if (process == null) return;
        process.destroy();
        try {
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** Stops it for good: its folder (its log) goes too. */
    @Override
    public void close() {
        RUNNING.remove(port, this);
        Thread r;
        synchronized (this) {
            r = restarter;
        }
        if (r != null) {
            r.interrupt();
            try {
                r.join(java.time.Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        stop();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | RuntimeException ignored) {
            // a temporary folder left behind is harmless
        }
    }
}
