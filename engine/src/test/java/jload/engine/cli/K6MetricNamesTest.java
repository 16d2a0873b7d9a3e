package jload.engine.cli;

import static jload.engine.cli.Jload.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The summary's names and numbers as k6 shows them, whatever jload measures besides. */
class K6MetricNamesTest {
    @TempDir
    Path dir;

    @Test
    void ratesWithoutSamplesShowZeroNotNaN() {
        Jload.Result r = Jload.runScript(dir, """
                import { check } from 'k6';
                import { Rate } from 'k6/metrics';
                const ok = new Rate('my_rate');
                export const options = { iterations: 1, thresholds: { checks: ['rate>=0'], my_rate: ['rate>=0'] } };
                export default function () { if (__ITER > 5) { check(1, { never: () => true }); ok.add(true); } }
                """);
        assertEquals(0, r.exitCode(), r::toString);
        assertFalse(r.stdout().contains("NaN"), r::toString);
        assertTrue(r.stdout().matches("(?s).*checks_failed\\.*: 0\\.00%\\s+0 out of 0.*"), r::toString);
    }

    @Test
    void aScriptsOwnMetricNamedLikeAJloadOnlyBuiltinHoldsOnlyTheScriptsValues() {
        Path export = dir.resolve("e.json");
        Jload.Result r = Jload.runScript(dir, """
                import { Counter, Trend } from 'k6/metrics';
                import { ws } from 'jload';
                const wsErrors = new Counter('ws_errors');
                const rtt = new Trend('ws_rtt', true);
                export const options = { iterations: 3, thresholds: { ws_errors: ['count==6'] } };
                export default function () {
                  ws.connect('ws://127.0.0.1:1/refused', { timeout: '2s' }); // jload would count this in its own ws_errors
                  wsErrors.add(2);
                  rtt.add(7);
                }
                """, "--summary-export", export.toString(), "--summary-trend-stats", "avg,count");
        assertEquals(0, r.exitCode(), "the threshold sees the script's 6, not 6 + jload's 3\n" + r);
        JsonNode e = r.export(export);
        assertEquals(6, value(e, "ws_errors", "count"));
        assertEquals(3, value(e, "ws_rtt", "count"));
        assertEquals(7, value(e, "ws_rtt", "avg"));
        assertEquals(1, r.stderr().lines().filter(l -> l.contains("defines its own metric 'ws_errors'")).count(), r::toString);
    }

    @Test
    void dataCountsEveryByteOfTheConnectionTheUpgradeIncluded() {
        Path export = dir.resolve("e.json");
        Jload.Result r = Jload.runScript(dir, """
                import ws from 'k6/ws';
                export const options = { iterations: 2 };
                export default function () {
                  ws.connect(`${__ENV.TARGET}/ws/reject?status=503`, {}, () => {});
                }
                """, "--sandbox", "--summary-export", export.toString(), "--no-color");
        assertEquals(0, r.exitCode(), r::toString);
        JsonNode e = r.export(export);
        // No WebSocket frame was ever sent: what is counted is the HTTP upgrade and its answer.
        assertTrue(value(e, "data_sent", "count") >= 2 * 150, "two upgrade requests of 150+ bytes each\n" + e.path("metrics"));
        assertTrue(value(e, "data_received", "count") >= 2 * 20, "two 503 responses\n" + e.path("metrics"));
        assertTrue(r.stdout().contains("NETWORK"), r::toString);
    }
}
