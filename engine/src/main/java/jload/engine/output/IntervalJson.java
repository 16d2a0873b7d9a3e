package jload.engine.output;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import jload.engine.metrics.TrendDistribution;
import jload.engine.timeline.Interval;
import jload.engine.timeline.SeriesInterval;

/**
 * An interval as a line of {@code intervals.jsonl}: {@code start}, {@code end} (epoch ms) and each series with its
 * {@code metric}, {@code type} and {@code tags}, and a counter's {@code value} (gained), a gauge's {@code value} (at
 * the end; null if never set), a rate's {@code passes} and {@code fails}, a trend's {@code count} and {@code min},
 * {@code p50}, {@code p95}, {@code p99}, {@code max} (k6's percentile definition, in the metric's unit).
 */
final class IntervalJson {
    private IntervalJson() { }

    /**
     * jload's stalls as {@code index.json} and the page hold them: {@code kind}, {@code start}, {@code durationMillis},
     * {@code detail}; a GC pause once, without the probes' echoes of it.
     */
    static com.fasterxml.jackson.databind.node.ArrayNode stalls(java.util.List<jload.engine.timeline.Stall> stalls) {
        var list = JsonNodeFactory.instance.arrayNode();
        for (var s : jload.engine.timeline.GcEchoes.removedFrom(stalls)) {
            list.addObject().put("kind", s.kind()).put("start", s.startMillis()).put("durationMillis", s.durationMillis()).put("detail", s.detail());
        }
        return list;
    }

    static ObjectNode of(Interval interval) {
        ObjectNode line = JsonNodeFactory.instance.objectNode().put("start", interval.startMillis()).put("end", interval.endMillis());
        var list = line.putArray("series");
        for (SeriesInterval s : interval.series()) {
            ObjectNode o = list.addObject().put("metric", s.metric().name()).put("type", s.type().k6Name());
            ObjectNode tags = o.putObject("tags");
            for (Map.Entry<String, String> e : s.tags().asMap().entrySet()) tags.put(e.getKey(), e.getValue());
            switch (s.type()) {
                case COUNTER -> o.put("value", s.value());
                case GAUGE -> {
                    if (Double.isNaN(s.value())) o.putNull("value");
                    else o.put("value", s.value());
                }
                case RATE -> o.put("passes", s.passes()).put("fails", s.fails());
                case TREND -> {
                    TrendDistribution d = s.trend();
                    o.put("count", d.count());
                    if (d.count() > 0) {
                        o.put("min", d.min()).put("p50", d.percentile(50)).put("p95", d.percentile(95)).put("p99", d.percentile(99)).put("max", d.max());
                    }
                }
            }
        }
        return line;
    }
}
