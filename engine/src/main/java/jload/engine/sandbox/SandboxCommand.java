package jload.engine.sandbox;

import jload.engine.proto.redis.RedisServerProcess;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code jload sandbox}: runs {@link SandboxServer} in the foreground until Ctrl-C, printing where to point scripts. */
@Command(name = "sandbox", description = "Run jload's built-in realtime target server on 127.0.0.1.")
public final class SandboxCommand implements Callable<Integer> {
    static final Duration SAMPLE_TOKEN_VALIDITY = Duration.ofHours(24);
    static final String SAMPLE_SUBJECT = "sandbox-user";
    private static final int CANNOT_LISTEN = 1;

    @Option(names = "--ws-port", paramLabel = "PORT", description = "WebSocket port (default: ${DEFAULT-VALUE}, any free port).")
    int wsPort = 0;

    @Option(names = "--http-port", paramLabel = "PORT", description = "HTTP port for /health and /metrics (default: ${DEFAULT-VALUE}, any free port).")
    int httpPort = 0;

    @Option(names = "--secret", paramLabel = "SECRET", description = "HS256 secret for /ws/presence tokens (default: ${DEFAULT-VALUE}).")
    String secret = SandboxServer.DEFAULT_SECRET;

    @picocli.CommandLine.Mixin
    SocketIoLimitOptions socketIoLimits = new SocketIoLimitOptions();

    @Option(names = "--redis", paramLabel = "URL|auto", description = "Feed the rooms (/ws/rooms, Socket.IO /) from a Redis channel on this "
            + "server: each message published there that is a JSON object with a \"room\" goes to that room's members. "
            + "'auto' starts a redis-server of the sandbox's own on a free port.")
    String redis;

    @Option(names = "--mongo", paramLabel = "URI|embedded", description = "Keep the Socket.IO rooms' events for catch-up in this "
            + "MongoDB (database " + MongoCatchUpStore.DATABASE + ", collection " + MongoCatchUpStore.COLLECTION + ": seed it with "
            + "{room, seq, ...} documents) instead of memory. 'embedded' starts an in-memory MongoDB-compatible server in this process.")
    String mongo;

    @Option(names = "--redis-channel", paramLabel = "CHANNEL", description = "The channel --redis reads (default: ${DEFAULT-VALUE}).")
    String redisChannel = SandboxConfig.DEFAULT_REDIS_CHANNEL;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        SandboxServer server;
        RedisServerProcess ownRedis = null;
        EmbeddedMongo ownMongo = null;
        try {
            SandboxConfig config = SandboxConfig.defaults().withPorts(wsPort, httpPort).withSecret(secret)
                    .withSocketIoLimits(socketIoLimits.limits());
            if (redis != null) {
                if (redis.equals("auto")) {
                    if (!RedisServerProcess.available()) {
                        throw new jload.engine.plan.ConfigException("--redis auto: there is no redis-server on the PATH; install it or pass --redis redis://host:6379");
                    }
                    ownRedis = RedisServerProcess.start();
                }
                config = config.withRedis(ownRedis != null ? ownRedis.url() : redis, redisChannel);
            }
            if (mongo != null) {
                if (mongo.equals("embedded")) ownMongo = EmbeddedMongo.start();
                config = config.withMongo(ownMongo != null ? ownMongo.uri() : mongo);
            }
            server = SandboxServer.start(config);
        } catch (jload.engine.plan.ConfigException | IllegalStateException | IOException e) {
            // A malformed value, Redis or MongoDB unreachable (named, password masked), or a port taken.
            spec.commandLine().getErr().println("jload sandbox: " + e.getMessage());
            if (ownRedis != null) ownRedis.close();
            if (ownMongo != null) ownMongo.close();
            return e instanceof IOException ? CANNOT_LISTEN : jload.engine.cli.ExitCode.INVALID_CONFIG;
        }
        CountDownLatch closed = new CountDownLatch(1);
        RedisServerProcess startedRedis = ownRedis;
        EmbeddedMongo startedMongo = ownMongo;
        // SIGINT/SIGTERM end the JVM; the hook is what still closes client sockets cleanly (1001) on the way out.
        Thread shutdownHook = Thread.ofPlatform().name("jload-sandbox-shutdown").unstarted(() -> {
            server.close();
            if (startedRedis != null) startedRedis.close();
            if (startedMongo != null) startedMongo.close();
            closed.countDown();
        });
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        printEndpoints(spec.commandLine().getOut(), server);
        try {
            closed.await();
        } catch (InterruptedException e) {
            // Interrupted by an embedding program rather than a signal: stop here, and drop the hook we no longer need.
            Thread.currentThread().interrupt();
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
            server.close();
            if (startedRedis != null) startedRedis.close();
            if (startedMongo != null) startedMongo.close();
        }
        return 0;
    }

    private static String describe(SocketIoLimits l) {
        if (l.equals(SocketIoLimits.NONE)) return "none (--sio-max-connections, --sio-max-connections-per-origin, --sio-max-subscriptions, --sio-idle-timeout)";
        return "max connections " + cap(l.maxConnections()) + ", per Origin " + cap(l.maxConnectionsPerOrigin()) + ", subscriptions per client "
                + cap(l.maxSubscriptionsPerClient()) + ", idle timeout " + (l.idleTimeout().isZero() ? "none" : l.idleTimeout().toMillis() + " ms")
                + "; refusals as event '" + l.errorEvent() + "'; calls ring " + l.ringTimeout().toMillis() + " ms";
    }

    private static String cap(int n) {
        return n == 0 ? "none" : String.valueOf(n);
    }

    static void printEndpoints(PrintWriter out, SandboxServer server) {
        String ws = server.wsBase().toString();
        String http = server.httpBase().toString();
        out.println("jload sandbox is listening on 127.0.0.1");
        out.println();
        out.println("WebSocket  " + ws);
        out.println("  " + ws + "/ws/echo        echoes text and binary (?closeAfter=N&closeCode=C&closeReason=R)");
        out.println("  " + ws + "/ws/rooms       JSON rooms: join, leave, broadcast");
        out.println("  " + ws + "/ws/presence    presence and typing; needs ?token=<HS256 JWT>");
        out.println("  " + ws + "/ws/reject      rejects every upgrade (?status=503)");
        out.println("Socket.IO  " + server.socketIoBase());
        out.println("  namespaces / and /secure (auth: {token: <HS256 JWT>}); events echo, join (room, {since}), leave, broadcast, bin (bytes), disconnect-me");
        out.println("  signalling (seed 004's widget server): visitor:join, agent:login, call:request, call:accept, call:reject, call:end");
        out.println("  caps: " + describe(server.socketIoLimits()));
        SandboxConfig c = server.config();
        if (c.redisUrl() != null) {
            out.println("Redis      " + jload.engine.proto.redis.RedisUrls.masked(c.redisUrl()) + ", channel " + c.redisChannel());
            out.println("  publish {\"room\": \"r1\", \"event\": \"broadcast\", ...} there: /ws/rooms and Socket.IO members of r1 receive it");
        }
        if (c.mongoUri() != null) {
            out.println("MongoDB    " + jload.engine.proto.mongo.MongoConnections.masked(c.mongoUri()) + ", catch-up in "
                    + MongoCatchUpStore.DATABASE + "." + MongoCatchUpStore.COLLECTION + " ({room, seq, ...} documents)");
        }
        out.println("HTTP       " + http);
        out.println("  " + http + "/health");
        out.println("  " + http + "/metrics");
        out.println();
        out.println("Sample presence token (subject \"" + SAMPLE_SUBJECT + "\", valid 24 h):");
        out.println("  " + server.sampleToken(SAMPLE_SUBJECT, SAMPLE_TOKEN_VALIDITY));
        out.println();
        out.println("Press Ctrl-C to stop.");
        out.flush();
    }
}
