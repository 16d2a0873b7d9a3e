package jload.engine.sandbox;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * jload's built-in realtime target: WebSocket endpoints (echo, rooms, authenticated presence, rejections) and an
 * HTTP side (health, Prometheus metrics), all on 127.0.0.1, so every example and test has something to load-test
 * on a fresh machine. Two listeners because Java-WebSocket's server speaks only WebSocket.
 *
 * <pre>{@code
 * try (SandboxServer sandbox = SandboxServer.start(0, 0, SandboxServer.DEFAULT_SECRET)) {
 *     URI echo = sandbox.wsBase().resolve("/ws/echo");
 * }
 * }</pre>
 */
public final class SandboxServer implements AutoCloseable {
    public static final String DEFAULT_SECRET = "jload-sandbox-secret";

    static final String HOST = "127.0.0.1";
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(10);
    private static final int CLOSE_TIMEOUT_MILLIS = 3_000;

    private final SandboxWebSocketServer webSocket;
    private final StalledWriteRescuer rescuer;
    private final SocketIoEndpoint socketIo;
    private final SandboxHttpServer http;
    private final Hs256Jwt jwt;
    private final Clock clock;
    private final URI wsBase;
    private final URI httpBase;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final SandboxConfig config;
    /** What the sandbox started besides its listeners (the Redis bridge, the MongoDB store), closed first. */
    private final List<AutoCloseable> extras;

    private SandboxServer(SandboxWebSocketServer webSocket, StalledWriteRescuer rescuer, SocketIoEndpoint socketIo,
            SandboxHttpServer http, Hs256Jwt jwt, Clock clock, SandboxConfig config, List<AutoCloseable> extras) {
        this.config = config;
        this.extras = List.copyOf(extras);
        this.webSocket = webSocket;
        this.rescuer = rescuer;
        this.socketIo = socketIo;
        this.http = http;
        this.jwt = jwt;
        this.clock = clock;
        this.wsBase = URI.create("ws://" + HOST + ":" + webSocket.getPort());
        this.httpBase = URI.create("http://" + HOST + ":" + http.port());
    }

    /**
     * Starts both listeners on 127.0.0.1 and returns once both accept connections.
     *
     * @param wsPort the WebSocket port, 0 for any free port
     * @param httpPort the HTTP port, 0 for any free port
     * @param jwtSecret the HS256 secret that {@code /ws/presence} tokens must be signed with
     * @throws java.net.BindException if a port is taken
     */
    public static SandboxServer start(int wsPort, int httpPort, String jwtSecret) throws IOException {
        return start(wsPort, httpPort, jwtSecret, SocketIoLimits.NONE);
    }

    /** {@link #start(int, int, String)} with caps on the Socket.IO endpoint. */
    public static SandboxServer start(int wsPort, int httpPort, String jwtSecret, SocketIoLimits socketIoLimits) throws IOException {
        return start(SandboxConfig.defaults().withPorts(wsPort, httpPort).withSecret(jwtSecret).withSocketIoLimits(socketIoLimits));
    }

    /**
     * Starts the sandbox as {@code config} says and returns once it accepts connections (and, with Redis, once its
     * subscription is in place).
     *
     * @throws java.net.BindException if a port is taken
     * @throws IllegalStateException naming the server (password masked) when Redis or MongoDB cannot be reached
     */
    public static SandboxServer start(SandboxConfig config) throws IOException {
        checkPort("wsPort", config.wsPort());
        checkPort("httpPort", config.httpPort());
        Hs256Jwt jwt = new Hs256Jwt(config.jwtSecret());
        Clock clock = Clock.systemUTC();
        SandboxMetrics metrics = new SandboxMetrics();
        InetAddress loopback = ipv4Loopback();

        List<AutoCloseable> extras = new java.util.ArrayList<>();
        SandboxHttpServer http = null;
        SocketIoEndpoint socketIo = null;
        SandboxWebSocketServer webSocket = null;
        try {
            CatchUpStore catchUp;
            if (config.mongoUri() != null) {
                MongoCatchUpStore store = MongoCatchUpStore.connect(config.mongoUri());
                extras.add(store);
                catchUp = store;
            } else {
                catchUp = new MemoryCatchUpStore(MemoryCatchUpStore.DEFAULT_CAPACITY);
            }
            IngestEndpoint ingest = new IngestEndpoint();
            extras.add(ingest);
            metrics.add(ingest);
            http = SandboxHttpServer.start(new InetSocketAddress(loopback, config.httpPort()), metrics, ingest,
                    user -> jwt.sign(user, clock.instant(), clock.instant().plus(Duration.ofHours(1))));
            socketIo = new SocketIoEndpoint(metrics, jwt, clock, config.socketIoLimits(), catchUp);
            RoomsEndpoint rooms = new RoomsEndpoint(metrics);
            UpgradeRouter router = new UpgradeRouter(List.of(
                    new EchoEndpoint(metrics), rooms, new PresenceEndpoint(metrics, jwt, clock), socketIo));
            webSocket = new SandboxWebSocketServer(new InetSocketAddress(loopback, config.wsPort()), router, metrics);
            webSocket.start();
            webSocket.awaitListening(STARTUP_TIMEOUT);
            if (config.redisUrl() != null) {
                SocketIoEndpoint sio = socketIo;
                RedisRoomBridge bridge = RedisRoomBridge.start(config.redisUrl(), config.redisChannel(), e -> {
                    rooms.deliver(e);
                    sio.deliver(e);
                });
                extras.add(bridge);
                metrics.add(bridge);
            }
        } catch (IOException | RuntimeException e) {
            for (AutoCloseable c : extras) closeQuietly(c);
            if (webSocket != null) stopQuietly(webSocket);
            if (socketIo != null) socketIo.close();
            if (http != null) http.close();
            throw e;
        }
        StalledWriteRescuer rescuer = StalledWriteRescuer.start(webSocket, metrics, StalledWriteRescuer.DEFAULT_PERIOD);
        return new SandboxServer(webSocket, rescuer, socketIo, http, jwt, clock, config, extras);
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // Closing on the way out; the first failure is the one worth reporting.
        }
    }

    /** What this sandbox was started with. */
    public SandboxConfig config() {
        return config;
    }

    /** The WebSocket listener, e.g. {@code ws://127.0.0.1:41234}; endpoint paths resolve against it. */
    public URI wsBase() {
        return wsBase;
    }

    /** The Socket.IO server (on the WebSocket listener, path {@code /socket.io/}), as a Socket.IO client takes it: {@code http://127.0.0.1:41234}. */
    public URI socketIoBase() {
        return URI.create("http://" + HOST + ":" + webSocket.getPort());
    }

    /** The caps the Socket.IO endpoint enforces. */
    public SocketIoLimits socketIoLimits() {
        return socketIo.limits();
    }

    /** The HTTP listener, e.g. {@code http://127.0.0.1:41235}. */
    public URI httpBase() {
        return httpBase;
    }

    /**
     * A token {@code /ws/presence} accepts, for {@code subject}, expiring {@code validFor} from now. A negative
     * duration gives an already-expired token, for exercising rejection.
     */
    public String sampleToken(String subject, Duration validFor) {
        Objects.requireNonNull(subject, "subject");
        Instant now = clock.instant();
        return jwt.sign(subject, now, now.plus(validFor));
    }

    /** Stops both listeners; open WebSocket connections are closed with 1001 (going away). Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) return;
        for (AutoCloseable c : extras) closeQuietly(c);
        rescuer.close();
        socketIo.close();
        try {
            webSocket.stop(CLOSE_TIMEOUT_MILLIS, "sandbox shutting down");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            http.close();
        }
    }

    private static void stopQuietly(SandboxWebSocketServer webSocket) {
        try {
            webSocket.stop(CLOSE_TIMEOUT_MILLIS, "sandbox failed to start");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException ignored) {
            // Already failing to start; the original exception is the one worth reporting.
        }
    }

    private static void checkPort(String name, int port) {
        if (port < 0 || port > 65_535) throw new IllegalArgumentException(name + " must be 0-65535, got " + port);
    }

    /** 127.0.0.1 exactly: {@code getLoopbackAddress()} may be ::1, and the printed URLs say 127.0.0.1. */
    private static InetAddress ipv4Loopback() {
        try {
            return InetAddress.getByAddress(HOST, new byte[] {127, 0, 0, 1});
        } catch (UnknownHostException e) {
            throw new IllegalStateException("a 4-byte address is always valid", e);
        }
    }
}
