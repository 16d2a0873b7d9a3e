package jload;

import java.util.Map;

/** A VU's Socket.IO clients (see {@link SocketIo}). */
public interface SocketIos {
    /**
     * Connects to {@code url} ({@code http://host:port}, {@code ws://…}; a path names the namespace,
     * as socket.io-client reads it). Options: {@code namespace}, {@code auth} (a map: the CONNECT
     * packet's payload), {@code query}, {@code headers} (maps), {@code path} (default
     * {@code /socket.io/}), {@code timeout} ({@code '5s'} or milliseconds), {@code persist}. A failed
     * connect returns a socket whose {@link SocketIo#ok()} is false and whose error says why.
     */
    SocketIo connect(String url, Map<String, ?> options);

    /** Groovy's named arguments: {@code socketio.connect(url, namespace: '/chat', auth: [token: t])}. */
    default SocketIo connect(Map<String, ?> options, String url) {
        return connect(url, options);
    }

    default SocketIo connect(String url) {
        return connect(url, Map.of());
    }
}
