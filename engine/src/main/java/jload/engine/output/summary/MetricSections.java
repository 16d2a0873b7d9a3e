package jload.engine.output.summary;

import java.util.List;
import java.util.function.Predicate;

/**
 * Which TOTAL RESULTS sub-heading a metric is listed under.
 *
 * <p>The k6 rows copy k6's classifier (internal/output/summary/data.go): it matches name <em>prefixes</em>
 * against fixed metric names, so sub-metrics follow their parent and, e.g., a custom {@code data_foo}
 * lands in CUSTOM, not NETWORK. The jload rows add protocols k6 doesn't have; a new protocol is one more row.
 * Rows are listed in display order; CUSTOM is always printed first, as k6 does.
 */
final class MetricSections {
    private MetricSections() {}

    record Section(String title, Predicate<String> matches) {}

    static final String CUSTOM = "CUSTOM";

    static final List<Section> TABLE = List.of(
            new Section("HTTP", anyPrefix("http_reqs", "http_req_failed", "http_req_duration", "http_req_blocked",
                    "http_req_connecting", "http_req_tls_handshaking", "http_req_sending", "http_req_waiting",
                    "http_req_receiving")),
            new Section("EXECUTION", anyPrefix("vus", "vus_max", "iterations", "iteration_duration",
                    "dropped_iterations")),
            new Section("NETWORK", anyPrefix("data_sent", "data_received")),
            new Section("BROWSER", n -> n.startsWith("browser_") && !n.startsWith("browser_web_vital_")),
            new Section("WEB_VITALS", anyPrefix("browser_web_vital_")),
            new Section("GRPC", anyPrefix("grpc_")),
            // ws_ also covers jload's ws_rtt / ws_errors; fanout_ is jload's WebSocket fan-out load.
            new Section("WEBSOCKET", anyPrefix("ws_", "fanout_")),
            new Section("SOCKET.IO", anyPrefix("sio_")),
            new Section("REDIS", anyPrefix("redis_")),
            new Section("MONGO", anyPrefix("mongo_")));

    /** Display order of all headings, CUSTOM first. */
    static List<String> displayOrder() {
        var out = new java.util.ArrayList<String>();
        out.add(CUSTOM);
        TABLE.forEach(s -> out.add(s.title()));
        return out;
    }

    static String sectionOf(String metricName) {
        for (Section s : TABLE) {
            if (s.matches().test(metricName)) return s.title();
        }
        return CUSTOM;
    }

    /**
     * Metrics k6 leaves out of TOTAL RESULTS: {@code checks} gets its own block, {@code group_duration} is
     * never shown, and compact mode (k6's default) also hides the HTTP timing breakdown.
     */
    static boolean isSkipped(String metricName, SummaryMode mode) {
        if (anyPrefix("checks", "group_duration").test(metricName)) return true;
        return mode == SummaryMode.COMPACT && anyPrefix("http_req_blocked", "http_req_connecting",
                "http_req_receiving", "http_req_sending", "http_req_tls_handshaking", "http_req_waiting")
                .test(metricName);
    }

    private static Predicate<String> anyPrefix(String... prefixes) {
        return n -> {
            for (String p : prefixes) {
                if (n.startsWith(p)) return true;
            }
            return false;
        };
    }
}
