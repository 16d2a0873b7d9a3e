package jload.engine.proto.socketio;

import jload.Message;
import jload.WebSocket;
import jload.engine.metrics.BuiltinMetrics;
import jload.engine.metrics.MetricRegistry;
import jload.engine.metrics.TagSet;
import jload.engine.proto.ws.WsConnection;

/**
 * One Engine.IO connection (socket.io-client's Manager): the WebSocket its namespaces share, its event-loop
 * side, and how their samples are tagged. Used by the VU's thread.
 */
final class SioConnection {
    final WebSocket socket;
    final WsConnection connection;
    final SioLoopSide loop;
    private final MetricRegistry registry;
    private final BuiltinMetrics builtins;
    /** The socket's tags (url, name, …); each namespace adds its own. */
    private final TagSet socketTags;
    private final long zeroNanos;
    /** Engine.IO's open packet came and was sound: namespaces can be joined. */
    boolean engineOpen;

    SioConnection(WebSocket socket, WsConnection connection, SioLoopSide loop, MetricRegistry registry, BuiltinMetrics builtins,
                  TagSet socketTags, long zeroNanos) {
        this.socket = socket;
        this.connection = connection;
        this.loop = loop;
        this.registry = registry;
        this.builtins = builtins;
        this.socketTags = socketTags;
        this.zeroNanos = zeroNanos;
    }

    /** A namespace's session on this connection, known to the event loop from now on (before its CONNECT goes out). */
    SioNamespace namespace(String name) {
        SioNamespace ns = new SioNamespace(name, new SioMetrics(registry, builtins, socketTags.with("namespace", name)));
        loop.add(ns);
        return ns;
    }

    /** Closes the WebSocket once no namespace's session goes on (as socket.io-client's Manager does). */
    void closeIfUnused() {
        if (!loop.anyOpen() && socket.isOpen()) connection.close(1000, "");
    }

    /** When the frame was read on the event loop, System.nanoTime. */
    long nanosOf(Message m) {
        return zeroNanos + (long) (m.receivedAtMillis() * 1e6);
    }

    /** From this connection's last write to when {@code m} was read; -1 when {@code m} came first. */
    double sinceLastWriteMillis(Message m) {
        long sent = connection.lastWriteNanos();
        long at = nanosOf(m);
        return sent == 0 || at < sent ? -1 : (at - sent) / 1e6;
    }
}
