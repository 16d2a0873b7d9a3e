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

/** The sandbox's plain-HTTP side: {@code GET /health} and {@code GET /metrics}. */
final class SandboxHttpServer implements AutoCloseable {
    static final String HEALTH_PATH = "/health";
    static final String METRICS_PATH = "/metrics";

    private final HttpServer server;
    private final ExecutorService executor;

    private SandboxHttpServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Binds synchronously, so a taken port is reported here rather than on some background thread. */
    static SandboxHttpServer start(InetSocketAddress address, SandboxMetrics metrics) throws IOException {
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
        server.createContext("/", exchange -> handle(exchange, metrics));
        server.start();
        return new SandboxHttpServer(server, executor);
    }

    int port() {
        return server.getAddress().getPort();
    }

    private static void handle(HttpExchange exchange, SandboxMetrics metrics) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            boolean known = HEALTH_PATH.equals(path) || METRICS_PATH.equals(path);
            if (!known) {
                respond(exchange, 404, "text/plain; charset=utf-8", "not found; try " + HEALTH_PATH + " or " + METRICS_PATH + "\n");
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
