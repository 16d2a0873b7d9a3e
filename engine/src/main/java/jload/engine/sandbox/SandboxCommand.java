package jload.engine.sandbox;

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

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        SandboxServer server;
        try {
            server = SandboxServer.start(wsPort, httpPort, secret, socketIoLimits.limits());
        } catch (jload.engine.plan.ConfigException e) {
            spec.commandLine().getErr().println("jload sandbox: " + e.getMessage());
            return jload.engine.cli.ExitCode.INVALID_CONFIG; // as for any malformed value
        } catch (IOException e) {
            spec.commandLine().getErr().println("jload sandbox: " + e.getMessage());
            return CANNOT_LISTEN;
        }
        CountDownLatch closed = new CountDownLatch(1);
        // SIGINT/SIGTERM end the JVM; the hook is what still closes client sockets cleanly (1001) on the way out.
        Thread shutdownHook = Thread.ofPlatform().name("jload-sandbox-shutdown").unstarted(() -> {
            server.close();
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
        }
        return 0;
    }

    private static String describe(SocketIoLimits l) {
        if (l.equals(SocketIoLimits.NONE)) return "none (--sio-max-connections, --sio-max-connections-per-origin, --sio-max-subscriptions, --sio-idle-timeout)";
        return "max connections " + cap(l.maxConnections()) + ", per Origin " + cap(l.maxConnectionsPerOrigin()) + ", subscriptions per client "
                + cap(l.maxSubscriptionsPerClient()) + ", idle timeout " + (l.idleTimeout().isZero() ? "none" : l.idleTimeout().toMillis() + " ms")
                + "; refusals as event '" + l.errorEvent() + "'";
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
        out.println("  caps: " + describe(server.socketIoLimits()));
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
