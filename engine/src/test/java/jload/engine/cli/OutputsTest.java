package jload.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --out json, --summary-export and the text summary, as files and text other tools read. */
class OutputsTest {
    @TempDir
    Path dir;

    @Test
    void jsonOutputIsOneParseableRecordPerLineInK6sFormat() throws Exception {
        Path script = Jload.script(dir, "t.js", """
                import { Trend } from 'k6/metrics';
                const t = new Trend('work_time', true);
                export const options = { iterations: 5, thresholds: { work_time: ['p(95)<1000'] } };
                export default function () { t.add(12.5, { step: 'a' }); }
                """);
        Path out = dir.resolve("points.jsonl");
        Jload.Result r = Jload.run("run", "-q", "--out", "json=" + out, "--tag", "env=ci", script.toString());
        assertEquals(0, r.exitCode(), r::toString);
        ObjectMapper json = new ObjectMapper();
        List<String> lines = Files.readAllLines(out).stream().filter(l -> !l.isBlank()).toList();
        Set<String> announced = new HashSet<>();
        int iterationPoints = 0;
        int workPoints = 0;
        for (String line : lines) {
            JsonNode rec = json.readTree(line);
            String metric = rec.get("metric").asText();
            if (rec.get("type").asText().equals("Metric")) {
                assertTrue(announced.add(metric), "announced once: " + metric);
                if (metric.equals("work_time")) {
                    assertEquals("trend", rec.at("/data/type").asText());
                    assertEquals("time", rec.at("/data/contains").asText());
                    assertEquals("p(95)<1000", rec.at("/data/thresholds/0").asText());
                }
            } else {
                assertEquals("Point", rec.get("type").asText());
                assertTrue(announced.contains(metric), "a Metric record precedes its points: " + metric);
                assertTrue(rec.at("/data/time").asText().matches("\\d{4}-\\d\\d-\\d\\dT.*Z"), line);
                assertEquals("ci", rec.at("/data/tags/env").asText(), line);
                if (metric.equals("iterations")) iterationPoints++;
                if (metric.equals("work_time")) {
                    workPoints++;
                    assertEquals(12.5, rec.at("/data/value").asDouble());
                    assertEquals("a", rec.at("/data/tags/step").asText());
                    assertEquals("default", rec.at("/data/tags/scenario").asText());
                }
            }
        }
        assertEquals(5, iterationPoints);
        assertEquals(5, workPoints);
    }

    @Test
    void summaryExportHasK6sLegacyShape() throws Exception {
        Path script = Jload.script(dir, "t.js", """
                import { check } from 'k6';
                export const options = { iterations: 4, thresholds: { checks: ['rate>0.4'] } };
                export default function () { check(__ITER, { 'even': (i) => i % 2 === 0 }); }
                """);
        Path export = dir.resolve("summary.json");
        Jload.Result r = Jload.run("run", "-q", "--summary-export", export.toString(), script.toString());
        assertEquals(0, r.exitCode(), r::toString);
        JsonNode e = new ObjectMapper().readTree(export.toFile());
        JsonNode checks = e.at("/metrics/checks");
        assertEquals(2, checks.get("passes").asInt());
        assertEquals(2, checks.get("fails").asInt());
        assertEquals(0.5, checks.get("value").asDouble());
        // k6's quirk: a threshold's value is true when it FAILED.
        assertEquals(false, checks.at("/thresholds/rate>0.4").asBoolean());
        assertTrue(e.at("/metrics/iteration_duration/p(95)").isNumber());
        assertEquals(2, e.at("/root_group/checks/even/passes").asInt());
    }

    @Test
    void summaryTrendStatsChooseTheColumns() {
        Path script = Jload.script(dir, "t.js", """
                import { Trend } from 'k6/metrics';
                const t = new Trend('latency', true);
                export const options = { iterations: 100 };
                export default function () { t.add(__ITER + 1); }
                """);
        Path export = dir.resolve("s.json");
        Jload.Result r = Jload.run("run", "-q", "--summary-trend-stats", "min,med,p(99),max,count",
                "--summary-export", export.toString(), script.toString());
        assertEquals(0, r.exitCode(), r::toString);
        String line = r.stdout().lines().filter(l -> l.contains("latency")).findFirst().orElseThrow(() -> new AssertionError(r));
        assertTrue(line.matches(".*: min=\\S+\\s+med=\\S+\\s+p\\(99\\)=\\S+\\s+max=\\S+\\s+count=100\\s*"), line);
        // Values 1..100 ms. k6 interpolates: median 50.5, p(99) 99.01. Exact min/max; the rest to
        // the histogram's 3 significant digits.
        JsonNode e = r.export(export);
        assertEquals(1, Jload.value(e, "latency", "min"));
        assertEquals(100, Jload.value(e, "latency", "max"));
        assertEquals(50.5, Jload.value(e, "latency", "med"), 50.5 * 1e-3);
        assertEquals(99.01, Jload.value(e, "latency", "p(99)"), 99.01 * 1e-3);
    }

    @Test
    void textSummaryMatchesTheGoldenFile() throws Exception {
        // Everything here is deterministic except times and rates per second, which are masked, and
        // the column widths, which follow the widest (timed) value: runs of blanks are folded.
        // Exact alignment is covered by TextSummaryGoldenTest with fixed inputs.
        Path script = Jload.script(dir, "golden.js", """
                import { check, group } from 'k6';
                import { Counter, Gauge, Rate, Trend } from 'k6/metrics';
                const bytes = new Counter('bytes_moved');
                const depth = new Gauge('queue_depth');
                const ok = new Rate('ok_rate');
                const size = new Trend('payload_size');
                export const options = { scenarios: { s: { executor: 'per-vu-iterations', vus: 1, iterations: 4 } },
                  thresholds: { payload_size: ['max<1000', 'avg>300'], ok_rate: ['rate>0.5'] } };
                export default function () {
                  group('upload', () => { check(__ITER, { 'small': (i) => i < 3 }); });
                  check(true, { 'always': (v) => v });
                  bytes.add(1000);
                  depth.add(__ITER * 2);
                  ok.add(__ITER !== 1);
                  size.add((__ITER + 1) * 100);
                }
                """);
        Jload.Result r = Jload.run("run", "-q", "--no-color", script.toString());
        assertEquals(99, r.exitCode(), r::toString);
        String masked = r.stdout()
                .replaceAll("\\d+(\\.\\d+)?/s", "N/s")
                .replaceAll("(iteration_duration\\.*:).*", "$1 <times>");
        String expected = Files.readString(Path.of("src/test/resources/summary/golden-run.txt"));
        assertEquals(expected.replaceAll(" {2,}", " "), masked.replaceAll(" {2,}", " "));
    }

    @Test
    void aRunThatFailsInVuInitLeavesAnEmptyJsonOutputNotABlankLine() throws Exception {
        Path script = Jload.script(dir, "t.js", """
                if (__VU === 1) throw new Error('init failed');
                export default function () {}
                """);
        Path out = dir.resolve("points.jsonl");
        Jload.Result r = Jload.run("run", "-q", "--out", "json=" + out, script.toString());
        assertEquals(107, r.exitCode(), r::toString);
        assertEquals("", Files.readString(out), "no record, so no line at all");
    }
}
