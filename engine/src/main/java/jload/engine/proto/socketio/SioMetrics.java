package jload.engine.proto.socketio;

import jload.engine.metrics.BuiltinMetrics;
import jload.engine.metrics.MetricRegistry;
import jload.engine.metrics.TagSet;

/** The sio_* samples of one Socket.IO session, tagged as its socket (url, name) plus its namespace. Thread-safe. */
final class SioMetrics {
    private final MetricRegistry registry;
    private final BuiltinMetrics m;
    private final TagSet tags;

    SioMetrics(MetricRegistry registry, BuiltinMetrics builtins, TagSet tags) {
        this.registry = registry;
        this.m = builtins;
        this.tags = tags;
    }

    void connected(double millis) {
        registry.add(m.sioConnecting, tags, millis);
        registry.add(m.sioSessions, tags, 1);
    }

    void eventSent() {
        registry.add(m.sioEventsSent, tags, 1);
    }

    void eventReceived() {
        registry.add(m.sioEventsReceived, tags, 1);
    }

    void ackDuration(double millis) {
        registry.add(m.sioAckDuration, tags, millis);
    }

    void rtt(double millis) {
        registry.add(m.sioRtt, tags, millis);
    }

    void error(String kind) {
        registry.add(m.sioErrors, tags.with("kind", kind), 1);
    }

    void disconnected(String reason) {
        registry.add(m.sioDisconnects, tags.with("reason", reason), 1);
    }
}
