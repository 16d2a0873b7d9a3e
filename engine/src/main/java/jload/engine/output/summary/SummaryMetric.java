package jload.engine.output.summary;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One entry of handleSummary's {@code data.metrics}: a metric or a sub-metric ({@code name{tag:value}}).
 *
 * @param name       full key, including the {@code {tag:value}} selector for sub-metrics
 * @param type       {@code counter}, {@code gauge}, {@code rate} or {@code trend}
 * @param contains   {@code time}, {@code data} or {@code default}; decides the unit
 * @param values     aggregated values in input order; a missing key reads as NaN, as {@code undefined} would in k6
 * @param thresholds thresholds defined on exactly this key, in definition order
 */
record SummaryMetric(String name, String type, String contains, Map<String, Double> values,
                     List<Threshold> thresholds) {

    /** @param ok true when the threshold passed */
    record Threshold(String source, boolean ok) {}

    static SummaryMetric from(String name, JsonNode node) {
        Map<String, Double> values = new LinkedHashMap<>();
        node.path("values").properties().forEach(e -> values.put(e.getKey(), e.getValue().asDouble(Double.NaN)));
        List<Threshold> thresholds = new ArrayList<>();
        node.path("thresholds").properties()
                .forEach(e -> thresholds.add(new Threshold(e.getKey(), e.getValue().path("ok").asBoolean(true))));
        return new SummaryMetric(name, node.path("type").asText(""), node.path("contains").asText("default"),
                Collections.unmodifiableMap(values), List.copyOf(thresholds));
    }

    static Map<String, SummaryMetric> allFrom(JsonNode metricsNode) {
        Map<String, SummaryMetric> out = new LinkedHashMap<>();
        if (metricsNode != null) metricsNode.properties().forEach(e -> out.put(e.getKey(), from(e.getKey(), e.getValue())));
        return out;
    }

    double value(String key) {
        Double v = values.get(key);
        return v == null ? Double.NaN : v;
    }

    /** The part before {@code {}, i.e. the parent metric of a sub-metric (or the name itself). */
    String parentName() {
        int brace = name.indexOf('{');
        return brace < 0 ? name : name.substring(0, brace);
    }

    boolean isSubmetric() {
        return name.indexOf('{') >= 0;
    }
}
