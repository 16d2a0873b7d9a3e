package jload.engine.sandbox;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import jload.engine.sandbox.SocketIoLimits.Refusal;

/**
 * Who may stay on the Socket.IO endpoint: counts the connections it admitted, in all and per Origin, refuses the
 * one that would pass a cap, and shows the counts (now, the peak, refusals, idle evictions) at {@code /metrics}, so
 * a test can check that the limit held. Thread-safe: the counts change under this object's lock.
 */
final class SocketIoAdmission implements PrometheusSection {
    private final SocketIoLimits limits;
    private int connections;
    private int peak;
    /** Admitted connections by Origin ("" for none); an origin with none left is removed. */
    private final Map<String, Integer> byOrigin = new TreeMap<>();
    private final Map<Refusal, LongAdder> refusals = new ConcurrentHashMap<>();

    SocketIoAdmission(SocketIoLimits limits) {
        this.limits = limits;
    }

    SocketIoLimits limits() {
        return limits;
    }

    /** Admits a connection from {@code origin} ("" for none), or says which cap refuses it (counted). */
    synchronized Refusal admit(String origin) {
        Refusal refusal = null;
        if (limits.maxConnections() > 0 && connections >= limits.maxConnections()) {
            refusal = Refusal.CONNECTION_LIMIT;
        } else if (limits.maxConnectionsPerOrigin() > 0 && byOrigin.getOrDefault(origin, 0) >= limits.maxConnectionsPerOrigin()) {
            refusal = Refusal.ORIGIN_LIMIT;
        }
        if (refusal != null) {
            refused(refusal);
            return refusal;
        }
        connections++;
        peak = Math.max(peak, connections);
        byOrigin.merge(origin, 1, Integer::sum);
        return null;
    }

    /** An admitted connection from {@code origin} ended. */
    synchronized void release(String origin) {
        connections--;
        byOrigin.computeIfPresent(origin, (o, n) -> n == 1 ? null : n - 1);
    }

    /** Counts a refusal made elsewhere (a subscription over the cap, an idle connection evicted). */
    void refused(Refusal refusal) {
        refusals.computeIfAbsent(refusal, r -> new LongAdder()).increment();
    }

    @Override
    public void writeTo(StringBuilder out) {
        int now, highest;
        Map<String, Integer> origins;
        synchronized (this) {
            now = connections;
            highest = peak;
            origins = new TreeMap<>(byOrigin);
        }
        SandboxMetrics.header(out, "sandbox_socketio_connections", "gauge", "Socket.IO connections admitted and open.");
        out.append("sandbox_socketio_connections ").append(now).append('\n');
        SandboxMetrics.header(out, "sandbox_socketio_connections_peak", "gauge", "The most Socket.IO connections admitted at once.");
        out.append("sandbox_socketio_connections_peak ").append(highest).append('\n');
        SandboxMetrics.header(out, "sandbox_socketio_connections_by_origin", "gauge", "Socket.IO connections admitted and open, by Origin header.");
        for (var e : origins.entrySet()) {
            SandboxMetrics.sample(out, "sandbox_socketio_connections_by_origin", "origin=\"" + labelValue(e.getKey()) + "\"", e.getValue());
        }
        SandboxMetrics.header(out, "sandbox_socketio_refusals_total", "counter",
                "Socket.IO connections, joins and idle connections refused by a cap, by reason.");
        for (Refusal r : Refusal.values()) {
            LongAdder n = refusals.get(r);
            SandboxMetrics.sample(out, "sandbox_socketio_refusals_total", "reason=\"" + r.code + "\"", n == null ? 0 : n.sum());
        }
        SandboxMetrics.header(out, "sandbox_socketio_limit", "gauge", "The Socket.IO caps in force (0: none); idle_timeout_ms in milliseconds.");
        SandboxMetrics.sample(out, "sandbox_socketio_limit", "cap=\"max_connections\"", limits.maxConnections());
        SandboxMetrics.sample(out, "sandbox_socketio_limit", "cap=\"max_connections_per_origin\"", limits.maxConnectionsPerOrigin());
        SandboxMetrics.sample(out, "sandbox_socketio_limit", "cap=\"max_subscriptions_per_client\"", limits.maxSubscriptionsPerClient());
        SandboxMetrics.sample(out, "sandbox_socketio_limit", "cap=\"idle_timeout_ms\"", limits.idleTimeout().toMillis());
    }

    /** A Prometheus label value: backslash, quote and newline escaped. */
    private static String labelValue(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
