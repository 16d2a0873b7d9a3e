package jload.engine.sandbox;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;

/**
 * The sandbox's own counters, exposed at {@code /metrics} so a load test can be checked against what the server saw.
 * LongAdder because every WebSocket worker thread bumps them on every message.
 */
final class SandboxMetrics {
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    // Filled once here and never resized, so EnumMap reads are safe from any thread.
    private final Map<Endpoint, LongAdder> open = perEndpoint();
    private final Map<Endpoint, LongAdder> accepted = perEndpoint();
    private final Map<Endpoint, LongAdder> received = perEndpoint();
    private final Map<Endpoint, LongAdder> sent = perEndpoint();
    private final Map<Integer, LongAdder> rejectedByStatus = new ConcurrentHashMap<>();
    private final LongAdder writeStalls = new LongAdder();
    private final List<PrometheusSection> sections = new CopyOnWriteArrayList<>();

    /** Adds a part's own samples to /metrics (after the connection and message counts). */
    void add(PrometheusSection section) {
        sections.add(section);
    }

    void connectionOpened(Endpoint endpoint) {
        open.get(endpoint).increment();
        accepted.get(endpoint).increment();
    }

    void connectionClosed(Endpoint endpoint) {
        open.get(endpoint).decrement();
    }

    void messageReceived(Endpoint endpoint) {
        received.get(endpoint).increment();
    }

    void messageSent(Endpoint endpoint) {
        sent.get(endpoint).increment();
    }

    void upgradeRejected(int status) {
        rejectedByStatus.computeIfAbsent(status, s -> new LongAdder()).increment();
    }

    void writeStallRescued() {
        writeStalls.increment();
    }

    /** Prometheus text exposition format 0.0.4. */
    String prometheusText() {
        StringBuilder out = new StringBuilder(2048);
        header(out, "sandbox_connections", "gauge", "Open WebSocket connections.");
        for (Endpoint e : Endpoint.values()) sample(out, "sandbox_connections", endpointLabel(e), open.get(e).sum());
        header(out, "sandbox_connections_total", "counter", "WebSocket connections accepted since the server started.");
        for (Endpoint e : Endpoint.values()) sample(out, "sandbox_connections_total", endpointLabel(e), accepted.get(e).sum());
        header(out, "sandbox_messages_total", "counter", "WebSocket messages received (in) and sent (out).");
        for (Endpoint e : Endpoint.values()) {
            sample(out, "sandbox_messages_total", endpointLabel(e) + ",direction=\"in\"", received.get(e).sum());
            sample(out, "sandbox_messages_total", endpointLabel(e) + ",direction=\"out\"", sent.get(e).sum());
        }
        header(out, "sandbox_rejected_upgrades_total", "counter", "WebSocket upgrade requests answered with an HTTP error, by status.");
        for (Map.Entry<Integer, LongAdder> entry : new TreeMap<>(rejectedByStatus).entrySet()) {
            sample(out, "sandbox_rejected_upgrades_total", "status=\"" + entry.getKey() + "\"", entry.getValue().sum());
        }
        header(out, "sandbox_write_stalls_total", "counter",
                "Replies the WebSocket library queued and stopped trying to write, found and written late (StalledWriteRescuer).");
        out.append("sandbox_write_stalls_total ").append(writeStalls.sum()).append('\n');
        for (PrometheusSection section : sections) section.writeTo(out);
        return out.toString();
    }

    private static Map<Endpoint, LongAdder> perEndpoint() {
        Map<Endpoint, LongAdder> adders = new EnumMap<>(Endpoint.class);
        for (Endpoint e : Endpoint.values()) adders.put(e, new LongAdder());
        return adders;
    }

    private static String endpointLabel(Endpoint endpoint) {
        return "endpoint=\"" + endpoint.metricLabel + "\"";
    }

    static void header(StringBuilder out, String name, String type, String help) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    static void sample(StringBuilder out, String name, String labels, long value) {
        out.append(name);
        if (!labels.isEmpty()) out.append('{').append(labels).append('}');
        out.append(' ').append(value).append('\n');
    }
}
