package jload.engine.sandbox;

/** The sandbox's WebSocket endpoints that accept connections, each with the label its metrics carry. */
enum Endpoint {
    ECHO("/ws/echo", "echo"),
    ROOMS("/ws/rooms", "rooms"),
    PRESENCE("/ws/presence", "presence");

    final String path;
    final String metricLabel;

    Endpoint(String path, String metricLabel) {
        this.path = path;
        this.metricLabel = metricLabel;
    }
}
