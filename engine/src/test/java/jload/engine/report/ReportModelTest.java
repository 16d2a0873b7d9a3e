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

    @Test
    void anUpdateCarriesOnlyTheIntervalsAPageHasNotGotAndTheWholeWindowToAPageTooFarBehind() throws Exception {
        ReportModel model = new ReportModel(json.createObjectNode().put("script", "x.js"), 1000);
        ObjectNode rtt = json.createObjectNode().put("metric", "rtt").put("contains", "time");
        rtt.putObject("tags");
        model.addLog("rtt", rtt);
        for (int i = 0; i < 5; i++) {
            JsonNode line = interval(10_000 + i * 1000L, i + 1);
            if (i == 4) ((com.fasterxml.jackson.databind.node.ArrayNode) line.path("series")).addObject()
                    .put("metric", "ws_errors").put("type", "counter").put("value", 2).putObject("tags").put("kind", "reset");
            model.addInterval(line, Map.of("rtt", values(1000 * (i + 1))));
        }
        model.setStalls(json.readTree("""
                [{"kind": "gc", "start": 10500, "durationMillis": 40, "detail": "early"},
                 {"kind": "loop", "start": 10000, "durationMillis": 3000, "detail": "long, recorded when it ended"},
                 {"kind": "loop", "start": 13900, "durationMillis": 15, "detail": "recent"}]"""));

        JsonNode delta = model.toJson(600, 3);
        assertEquals(true, delta.path("delta").asBoolean());
        assertEquals(3, delta.path("intervalsCut").asInt(), "it follows the page's 3 intervals");
        assertEquals("[14000,15000]", delta.path("times").toString());
        assertEquals("[4.0,5.0]", delta.path("counters").path("iterations").toString());
        assertEquals(5.0, delta.path("trends").path("rtt").path("max").get(1).asDouble(), 0.01);
        assertEquals(2, delta.path("trends").path("rtt").path("p99").size());
        assertEquals("[null,2.0]", delta.path("errors").path("ws_errors{kind:reset}").toString(), "a series new in the update");
        assertEquals(11_000, delta.path("stallsFrom").asLong(), "resent from 2 s before the page's last interval ended");
        assertEquals("[long, recorded when it ended, recent]", delta.findValuesAsText("detail").toString(),
                "the stalls that end from there on, however long ago they began");
        assertEquals(model.toJson().path("distributions"), delta.path("distributions"), "the whole-run parts are whole");
        assertEquals(15, delta.path("checks").get(0).path("passes").asInt());

        assertEquals(0, model.toJson(600, 5).path("times").size(), "nothing new: no interval (the run's end)");

        JsonNode behind = model.toJson(2, 1); // the window (the last 2) has moved past the page's one interval
        assertEquals(false, behind.path("delta").asBoolean());
        assertEquals(3, behind.path("intervalsCut").asInt());
        assertEquals(2, behind.path("times").size());
        JsonNode first = model.toJson(600, 0);
        assertEquals(false, first.path("delta").asBoolean());
        assertEquals(5, first.path("times").size());
        assertEquals(3, first.path("stalls").size());
    }
}
