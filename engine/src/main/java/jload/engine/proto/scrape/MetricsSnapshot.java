package jload.engine.proto.scrape;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A target's metrics at one moment, as series key → value: read from Prometheus text, or from JSON (what a
 * gateway's own metrics endpoint often serves, seed 001's among them), whose numeric leaves become series named
 * by their path ({@code connections.perOrigin.http://a}; array elements by index).
 */
public record MetricsSnapshot(Map<String, Double> values) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public MetricsSnapshot {
        values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /**
     * Reads {@code file}: JSON when its first character is '{' or '[', Prometheus text otherwise.
     *
     * @throws IllegalArgumentException naming the file (and line:column) when it cannot be read or is neither
     */
    public static MetricsSnapshot read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot be read (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
        }
        if (looksLikeJson(text)) {
            try {
                return fromJson(text);
            } catch (IOException e) {
                var where = e instanceof com.fasterxml.jackson.core.JsonProcessingException j && j.getLocation() != null
                        ? j.getLocation().getLineNr() + ":" + j.getLocation().getColumnNr() + ": " : "";
                throw new IllegalArgumentException(file + ":" + where + "not JSON: " + ((com.fasterxml.jackson.core.JsonProcessingException) e).getOriginalMessage());
            }
        }
        try {
            Map<String, Double> values = new LinkedHashMap<>();
            for (Series s : PrometheusText.parse(text).series()) values.put(s.key(), s.value());
            return new MetricsSnapshot(values);
        } catch (PrometheusFormatException e) {
            throw new IllegalArgumentException(file + ":" + e.getMessage() + " (Prometheus text exposition format)");
        }
    }

    /** Whether {@code text} is to be read as JSON: its first character is '{' or '['. */
    static boolean looksLikeJson(String text) {
        String start = text.stripLeading();
        return start.startsWith("{") || start.startsWith("[");
    }

    /** A JSON body's numbers (and booleans, as 1/0) by path. */
    static MetricsSnapshot fromJson(String text) throws IOException {
        Map<String, Double> values = new LinkedHashMap<>();
        flatten("", JSON.readTree(text), values);
        return new MetricsSnapshot(values);
    }

    private static void flatten(String path, JsonNode node, Map<String, Double> out) {
        if (node.isNumber()) {
            out.put(path.isEmpty() ? "value" : path, node.asDouble());
        } else if (node.isBoolean()) {
            out.put(path, node.asBoolean() ? 1.0 : 0.0);
        } else if (node.isObject()) {
            node.properties().forEach(e -> flatten(path.isEmpty() ? e.getKey() : path + "." + e.getKey(), e.getValue(), out));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) flatten(path + "[" + i + "]", node.get(i), out);
        }
    }
}
