package jload.engine.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** The page's model: per-interval series, merged percentiles, and the dashboard's bounded window. */
class ReportModelTest {
    private final ObjectMapper json = new ObjectMapper();

    private JsonNode interval(long start, double iterations) throws Exception {
        return json.readTree("""
                {"start": %d, "end": %d, "series": [
                  {"metric": "iterations", "type": "counter", "tags": {}, "value": %s},
                  {"metric": "checks", "type": "rate", "tags": {"check": "ok"}, "passes": 3, "fails": 1}]}
                """.formatted(start, start + 1000, iterations));
    }

    private static Histogram values(long... micros) {
        Histogram h = new Histogram(3);
        for (long v : micros) h.recordValue(v);
        return h;
    }

    @Test
    void aTrendsPercentilesPerIntervalMergeItsSeriesAndTheWindowKeepsTheLastIntervals() throws Exception {
        ReportModel model = new ReportModel(json.createObjectNode().put("script", "x.js"), 1000);
        ObjectNode a = json.createObjectNode().put("metric", "rtt").put("contains", "time");
        a.putObject("tags").put("name", "a");
        ObjectNode b = json.createObjectNode().put("metric", "rtt").put("contains", "time");
        b.putObject("tags").put("name", "b");
        model.addLog("a", a);
        model.addLog("b", b);
        for (int i = 0; i < 5; i++) {
            // Series a is fast, b slow: the interval's p99 is b's, which an average of per-series p99s would hide.
            model.addInterval(interval(10_000 + i * 1000L, 2 * (i + 1)), Map.of("a", values(1000, 1000, 1000, 1000), "b", values(9000)));
        }
        JsonNode whole = model.toJson();
        assertEquals(5, whole.path("times").size());
        assertEquals(9.0, whole.path("trends").path("rtt").path("max").get(0).asDouble(), 0.01);
        assertEquals(5, whole.path("trends").path("rtt").path("count").get(4).asInt());
        assertEquals(6.0, whole.path("counters").path("iterations").get(2).asDouble(), 1e-9, "per second: 6 in a 1 s interval");
        assertEquals(15, whole.path("checks").get(0).path("passes").asInt());
        assertEquals(2, whole.path("tables").path("name").size(), "one row per name");

        JsonNode window = model.toJson(3);
        assertEquals(3, window.path("times").size());
        assertEquals(12_000, window.path("start").asLong(), "the window starts where its first interval does");
        assertEquals(10_000, window.path("runStart").asLong());
        assertEquals(2, window.path("intervalsCut").asInt());
        assertEquals(6.0, window.path("counters").path("iterations").get(0).asDouble(), 1e-9);
        assertEquals(3, window.path("trends").path("rtt").path("p99").size());
        assertEquals(whole.path("distributions"), window.path("distributions"), "the whole run's distribution, whatever the window");
    }
}
