package jload.engine.sandbox;

/** The sandbox's WebSocket endpoints that accept connections, each with the label its metrics carry. */
enum Endpoint {
    ECHO("/ws/echo", "echo"),
    ROOMS("/ws/rooms", "rooms"),
    PRESENCE("/ws/presence", "presence"),
    SOCKET_IO("/socket.io", "socketio"); // the router drops a trailing slash: /socket.io/ is what clients ask for

    final String path;
    final String metricLabel;

    Endpoint(String path, String metricLabel) {
        this.path = path;
        this.metricLabel = metricLabel;
    }
}
