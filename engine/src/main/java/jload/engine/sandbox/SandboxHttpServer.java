package jload.engine.sandbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The sandbox's plain-HTTP side: {@code GET /health}, {@code GET /metrics}, seed 002's {@code POST /ingest} and
 * {@code GET /ingest/stats} ({@link IngestEndpoint}), and {@code POST /login} ({@code {user}} → {@code {token}}, a
 * presence token valid for an hour: the login a realtime script makes before it opens its socket).
 */
final class SandboxHttpServer implements AutoCloseable {
    static final String HEALTH_PATH = "/health";
    static final String METRICS_PATH = "/metrics";
    static final String LOGIN_PATH = "/login";

    /** Writes a response (HEAD without its body). */
    interface Responder {
        void send(HttpExchange exchange, int status, String contentType, String body) throws IOException;
    }

    private final HttpServer server;
    private final ExecutorService executor;

    private SandboxHttpServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Binds synchronously, so a taken port is reported here rather than on some background thread. */
    static SandboxHttpServer start(InetSocketAddress address, SandboxMetrics metrics, IngestEndpoint ingest,
                                   java.util.function.Function<String, String> tokenFor) throws IOException {
        HttpServer server;
        try {
            server = HttpServer.create(address, 0);
        } catch (BindException e) {
            BindException reported = new BindException("cannot listen for HTTP on " + address.getHostString() + ":"
                    + address.getPort() + ": " + e.getMessage());
            reported.initCause(e);
            throw reported;
        }
        // Requests are tiny and rare next to the WebSocket traffic; a virtual thread each costs next to nothing.
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.createContext("/", exchange -> handle(exchange, metrics, ingest, tokenFor));
        server.start();
        return new SandboxHttpServer(server, executor);
    }

    int port() {
        return server.getAddress().getPort();
    }

    private static void handle(HttpExchange exchange, SandboxMetrics metrics, IngestEndpoint ingest,
                               java.util.function.Function<String, String> tokenFor) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (IngestEndpoint.PATH.equals(path) || IngestEndpoint.STATS_PATH.equals(path)) {
                ingest.handle(exchange, SandboxHttpServer::respond);
                return;
            }
            if (LOGIN_PATH.equals(path)) {
                login(exchange, tokenFor);
                return;
            }
            boolean known = HEALTH_PATH.equals(path) || METRICS_PATH.equals(path);
            if (!known) {
                respond(exchange, 404, "text/plain; charset=utf-8", "not found; try " + HEALTH_PATH + ", " + METRICS_PATH + ", "
                        + IngestEndpoint.PATH + ", " + IngestEndpoint.STATS_PATH + " or " + LOGIN_PATH + "\n");
            } else if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                respond(exchange, 405, "text/plain; charset=utf-8", "method not allowed; use GET\n");
            } else if (HEALTH_PATH.equals(path)) {
                respond(exchange, 200, "application/json", "{\"status\":\"ok\"}");
            } else {
                respond(exchange, 200, SandboxMetrics.CONTENT_TYPE, metrics.prometheusText());
            }
        }
    }

    /** {@code POST /login} with {@code {"user": "..."}}: a token for that user; 400 without one. */
    private static void login(HttpExchange exchange, java.util.function.Function<String, String> tokenFor) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().set("Allow", "POST");
            respond(exchange, 405, "application/json", "{\"error\":\"use POST with {\\\"user\\\": \\\"name\\\"}\"}");
            return;
        }
        var body = JsonMessages.parseObject(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        var user = body.flatMap(o -> JsonMessages.text(o, "user"));
        if (user.isEmpty()) {
            respond(exchange, 400, "application/json", "{\"error\":\"expected a JSON object with a non-empty string user\"}");
            return;
        }
        String token = tokenFor.apply(user.get());
        respond(exchange, 200, "application/json", JsonMessages.mapper().createObjectNode().put("token", token).put("user", user.get()).toString());
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        boolean head = "HEAD".equals(exchange.getRequestMethod());
        // -1 tells HttpServer there is no body, which HEAD requires; the length is still what GET would send.
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
