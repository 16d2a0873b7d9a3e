package jload.engine.proto.socketio;

import java.util.concurrent.atomic.AtomicReference;

/**
 * One namespace's session over a Socket.IO connection (several may share one): whether the server
 * accepted its CONNECT, and how it ended, told once. Written by the event loop and the VU's thread.
 */
final class SioNamespace {
    final String name;
    final SioMetrics metrics;
    private final AtomicReference<String> endReason = new AtomicReference<>();
    /** The CONNECT was answered: from then on an end is a disconnect, counted. */
    private volatile boolean connected;

    SioNamespace(String name, SioMetrics metrics) {
        this.name = name;
        this.metrics = metrics;
    }

    void markConnected() {
        connected = true;
    }

    /** Records how the session ended; only the first reason counts. True when this call was the first. */
    boolean end(String reason) {
        if (!endReason.compareAndSet(null, reason)) return false;
        if (connected) metrics.disconnected(reason);
        return true;
    }

    /** Why the session ended, null while it goes on (or still waits for its CONNECT's answer). */
    String endReason() {
        return endReason.get();
    }
}
