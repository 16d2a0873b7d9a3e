package jload.engine.proto.socketio;

import java.time.Duration;
import java.util.Map;

/**
 * How to connect a Socket.IO client.
 *
 * @param namespace "/" or "/name"; when null, the URL's path names it (as socket.io-client reads {@code http://host/chat})
 * @param authJson  the CONNECT packet's auth payload (a JSON object's text), or null
 * @param query     extra query parameters of the Engine.IO URL (the server reads them in socket.handshake.query)
 * @param headers   handshake headers (Origin, Cookie, …)
 * @param path      the server's Engine.IO path, "/socket.io/" by default
 * @param timeout   for the WebSocket handshake, and again for Engine.IO's open and the namespace's CONNECT
 * @param persist   keep the connection after the iteration that opened it (as jload/ws)
 */
public record SioConnect(String namespace, String authJson, Map<String, String> query, Map<String, String> headers,
                         String path, Duration timeout, boolean persist) {
    public static final String DEFAULT_PATH = "/socket.io/";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);

    public SioConnect {
        query = Map.copyOf(query);
        headers = Map.copyOf(headers);
        if (namespace != null) checkNamespace(namespace);
        if (timeout.isZero() || timeout.isNegative()) throw new IllegalArgumentException("socketio.connect timeout: must be more than 0, not " + timeout);
        if (path == null || path.isBlank()) path = DEFAULT_PATH;
        if (!path.startsWith("/")) path = "/" + path;
        if (!path.endsWith("/")) path = path + "/";
    }

    /** A namespace's name as the protocol can carry it, or an exception saying what is expected. */
    public static void checkNamespace(String namespace) {
        if (namespace == null || !namespace.startsWith("/") || namespace.contains(",") || namespace.contains("?")) {
            throw new IllegalArgumentException("socketio namespace: expected '/' or '/name' (no ',' or '?'), not '" + namespace + "'");
        }
    }

    public static SioConnect defaults() {
        return new SioConnect(null, null, Map.of(), Map.of(), DEFAULT_PATH, DEFAULT_TIMEOUT, false);
    }
}
