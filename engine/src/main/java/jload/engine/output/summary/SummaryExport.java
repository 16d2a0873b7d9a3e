package jload.engine.output.summary;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The legacy {@code k6 run --summary-export=file.json} document, as k6's {@code oldJSONSummary} in
 * {@code internal/js/summary-wrapper.js} derives it from handleSummary's data.
 *
 * <p>Its quirks are deliberate compatibility: metrics are flattened to their values; a threshold maps
 * to {@code true} when it <em>failed</em> (the inverse of {@code ok}); a rate's {@code rate} is renamed
 * {@code value}; groups and checks become objects keyed by name; {@code options} and {@code state} are dropped.
 */
public final class SummaryExport {
    private SummaryExport() {}

    /** The file content k6 writes: {@code JSON.stringify(legacy, null, 4)}, no trailing newline. */
    public static String toJson(JsonNode data) {
        return JsJson.stringify(toLegacyTree(data), 4);
    }

    public static ObjectNode toLegacyTree(JsonNode data) {
        ObjectNode results = data.deepCopy();
        results.remove("options");
        results.remove("state");

        JsonNode metrics = results.path("metrics");
        if (metrics.isObject()) {
            ObjectNode flattened = JsonNodeFactory.instance.objectNode();
            for (Map.Entry<String, JsonNode> e : metrics.properties()) {
                flattened.set(e.getKey(), legacyMetric(e.getValue()));
            }
            results.set("metrics", flattened);
        }
        if (results.path("root_group").isObject()) {
            transformGroup((ObjectNode) results.get("root_group"));
        }
        return results;
    }

    private static ObjectNode legacyMetric(JsonNode metric) {
        ObjectNode old = metric.path("values").isObject()
                ? ((ObjectNode) metric.get("values")).deepCopy() : JsonNodeFactory.instance.objectNode();
        JsonNode thresholds = metric.path("thresholds");
        if (thresholds.isObject() && !thresholds.isEmpty()) {
            ObjectNode failed = old.putObject("thresholds");
            thresholds.properties().forEach(t -> failed.put(t.getKey(), !t.getValue().path("ok").asBoolean(true)));
        }
        if ("rate".equals(metric.path("type").asText()) && old.has("rate")) {
            old.set("value", old.get("rate"));
            old.remove("rate");
        }
        return old;
    }

    private static void transformGroup(ObjectNode group) {
        if (group.path("groups").isArray()) {
            List<JsonNode> list = new ArrayList<>();
            group.get("groups").forEach(list::add);
            ObjectNode byName = JsonNodeFactory.instance.objectNode();
            for (JsonNode g : list) {
                if (g.isObject()) transformGroup((ObjectNode) g);
                byName.set(g.path("name").asText(""), g);
            }
            group.set("groups", byName);
        }
        if (group.path("checks").isArray()) {
            ObjectNode byName = JsonNodeFactory.instance.objectNode();
            group.get("checks").forEach(c -> byName.set(c.path("name").asText(""), c));
            group.set("checks", byName);
        }
    }
}
