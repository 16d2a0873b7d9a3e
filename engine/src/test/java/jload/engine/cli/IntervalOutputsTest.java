package jload.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import jload.engine.metrics.TrendDistribution;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --out hdr=DIR} and {@code --out csv=FILE}: what a user's tools read back from them. */
class IntervalOutputsTest {
    @TempDir
    Path dir;

    /**
     * A few values, repeated so that the samples on either side of each percentile's rank are equal: k6's definition
     * (interpolating between them) and HdrHistogram's (the sample at the rank) then name the same value. 300 per tag.
     */
    private static final String TREND_SCRIPT = """
            import { check, sleep } from 'k6';
            import exec from 'k6/execution';
            import { Counter, Trend } from 'k6/metrics';
            const latency = new Trend('latency', true);
            const done = new Counter('done');
            export const options = {
              scenarios: { s: { executor: 'per-vu-iterations', vus: 2, iterations: 150 } },
              thresholds: { 'latency{kind:a}': ['p(95)<1000'], 'latency{kind:b}': ['p(95)<1000'] },
              summaryTrendStats: ['min', 'med', 'p(90)', 'p(95)', 'p(99)', 'max', 'count'],
            };
            export function setup() { return { token: 's3cret' }; }
            export default function () {
              const i = exec.scenario.iterationInTest % 100; // 0..99 three times over the run
              latency.add(i < 85 ? 10.25 : i < 97 ? 52.5 : 210, { kind: 'a' });
              latency.add(i < 40 ? 1.5 : 3.75, { kind: 'b' });
              done.add(2);
              check(i, { 'counted': () => true });
              sleep(0.01);
            }
            """;

    private static Histogram readLog(Path log, List<Double> intervalStarts) throws Exception {
        Histogram all = new Histogram(3);
        try (HistogramLogReader reader = new HistogramLogReader(log.toFile())) {
            EncodableHistogram h;
            while ((h = reader.nextIntervalHistogram()) != null) {
                all.add((Histogram) h);
                intervalStarts.add(h.getStartTimeStamp() / 1000.0);
            }
        }
        return all;
    }

    @Test
    void hdrLogsReadBackByHdrHistogramGiveTheSummarysPercentilesAndTheIntervalsAddUp() throws Exception {
        Path out = dir.resolve("hdr");
        Path summary = dir.resolve("summary.json");
        // A stop-the-world pause in the middle of the run (jload runs in this JVM): once the first interval is written.
        Thread gc = Thread.ofPlatform().start(() -> {
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (!Files.exists(out.resolve("index.json")) && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
            System.gc();
        });
        Jload.Result r = Jload.runScript(dir, TREND_SCRIPT, "--out", "hdr=" + out, "--interval", "500ms", "--summary-export", summary.toString());
        gc.join();
        JsonNode m = Jload.assertPassedEveryCheck(r, summary);
        JsonNode index = new ObjectMapper().readTree(out.resolve("index.json").toFile());
        assertEquals(1, index.path("format").asInt());
        assertEquals(500, index.path("intervalMillis").asInt());

        for (String kind : new String[] {"a", "b"}) {
            JsonNode entry = null;
            for (JsonNode l : index.path("logs")) {
                if (l.path("metric").asText().equals("latency") && l.path("tags").path("kind").asText().equals(kind)) entry = l;
            }
            assertTrue(entry != null, "a log for latency{kind:" + kind + "}: " + index.toPrettyString());
            assertEquals("kind=" + kind + "&scenario=s", entry.path("tag").asText());
            List<Double> starts = new java.util.ArrayList<>();
            Histogram h = readLog(out.resolve(entry.path("file").asText()), starts);
            JsonNode expected = m.path("latency{kind:" + kind + "}");
            assertEquals(300, h.getTotalCount(), "every sample is in the log, once");
            assertEquals(expected.path("count").asLong(), h.getTotalCount());
            assertTrue(starts.size() >= 3, "a run of ~1.5 s in 500 ms intervals: " + starts);
            for (String p : new String[] {"med", "p(90)", "p(95)", "p(99)", "max"}) {
                double percentile = p.equals("med") ? 50 : p.equals("max") ? 100 : Double.parseDouble(p.substring(2, p.length() - 1));
                double summaryValue = expected.path(p).asDouble();
                // HdrHistogram's own percentile (its highest equivalent value, in recorded microseconds) …
                double hdr = h.getValueAtPercentile(percentile) / 1000.0;
                assertEquals(summaryValue, hdr, summaryValue * 0.001 + 0.001, kind + " " + p + " by HdrHistogram's reader");
                // … and k6's definition over the log's samples.
                assertEquals(summaryValue, TrendDistribution.fromHistogram(h).percentile(percentile), summaryValue * 0.001 + 0.001, kind + " " + p);
            }
        }

        // The counters and rates of every interval add up to the summary's.
        double done = 0;
        long passes = 0;
        int lines = 0;
        for (String line : Files.readAllLines(out.resolve("intervals.jsonl"))) {
            lines++;
            for (JsonNode s : new ObjectMapper().readTree(line).path("series")) {
                if (s.path("metric").asText().equals("done")) done += s.path("value").asDouble();
                if (s.path("metric").asText().equals("checks")) passes += s.path("passes").asLong();
            }
        }
        assertEquals(m.path("done").path("count").asDouble(), done, 1e-9);
        assertEquals(600, done);
        assertEquals(m.path("checks").path("passes").asLong(), passes);
        assertTrue(lines >= 3, "one line per interval");

        // jload's own stalls: the System.gc() above is there, with its cause.
        boolean sawGc = false;
        for (JsonNode s : index.path("stalls")) {
            if (s.path("kind").asText().equals("gc") && s.path("detail").asText().contains("System.gc()")) sawGc = true;
            assertTrue(s.path("start").asLong() >= index.path("start").asLong() - 60_000, s.toString());
        }
        assertTrue(sawGc, "the GC pause is recorded as a stall: " + index.path("stalls"));

        // The summary is kept beside the intervals (the report's verdict), without what setup() returned.
        JsonNode kept = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertTrue(kept.path("metrics").path("latency{kind:a}").path("thresholds").has("p(95)<1000"), kept.toPrettyString());
        assertTrue(!kept.has("setup_data") && !Files.readString(out.resolve("summary.json")).contains("s3cret"), "setup()'s data stays out");
    }

    @Test
    void aTrendsNegativeSamplesAreKeptInALogOfTheirOwnAndTheReportCountsThem() throws Exception {
        Path out = dir.resolve("hdr");
        Path summary = dir.resolve("summary.json");
        // A clock offset between two machines, say: 30 % of the samples below zero.
        Jload.Result r = Jload.runScript(dir, """
                import { sleep } from 'k6';
                import exec from 'k6/execution';
                import { Trend } from 'k6/metrics';
                const skew = new Trend('skew', true);
                export const options = {
                  scenarios: { s: { executor: 'per-vu-iterations', vus: 2, iterations: 100 } },
                  summaryTrendStats: ['avg', 'min', 'med', 'p(95)', 'max', 'count'],
                };
                export default function () {
                  skew.add(exec.scenario.iterationInTest % 10 < 3 ? -5.5 : 12.25);
                  sleep(0.01);
                }
                """, "--out", "hdr=" + out, "--interval", "500ms", "--summary-export", summary.toString());
        assertEquals(0, r.exitCode(), r::toString);
        JsonNode expected = new ObjectMapper().readTree(summary.toFile()).path("metrics").path("skew");
        JsonNode index = new ObjectMapper().readTree(out.resolve("index.json").toFile());
        JsonNode entry = null;
        for (JsonNode l : index.path("logs")) if (l.path("metric").asText().equals("skew")) entry = l;
        assertTrue(entry != null && entry.path("negatives").isTextual(), "the series names its log of negative samples: " + index.toPrettyString());
        assertEquals("negative/" + entry.path("file").asText(), entry.path("negatives").asText(),
                "apart from the metric's logs: a tool reading DIR/skew.*.hlog does not take them for samples");
        Histogram positive = readLog(out.resolve(entry.path("file").asText()), new java.util.ArrayList<>());
        Histogram negative = readLog(out.resolve(entry.path("negatives").asText()), new java.util.ArrayList<>());
        assertEquals(140, positive.getTotalCount());
        assertEquals(60, negative.getTotalCount(), "the negative samples, as their magnitudes");
        assertEquals(5.5, negative.getValueAtPercentile(50) / 1000.0, 0.01);

        // The report of the run counts them in the percentiles, as the summary does.
        JsonNode model = jload.engine.report.ReportModel.of(jload.engine.report.RunRecord.read(out));
        JsonNode row = null;
        for (JsonNode t : model.path("tables").path("scenario")) if (t.path("metric").asText().equals("skew")) row = t;
        assertTrue(row != null, model.path("tables").toPrettyString());
        assertEquals(expected.path("count").asLong(), row.path("count").asLong());
        assertEquals(200, row.path("count").asLong());
        assertEquals(expected.path("avg").asDouble(), row.path("avg").asDouble(), 0.02);
        assertEquals(expected.path("med").asDouble(), row.path("p50").asDouble(), 0.02);
        JsonNode distribution = model.path("distributions").path("skew").path("values");
        assertEquals(-5.5, distribution.get(0).asDouble(), 0.01, "the distribution starts below zero: " + distribution);
        long countOverTime = 0;
        for (JsonNode c : model.path("trends").path("skew").path("count")) countOverTime += c.asLong();
        assertEquals(200, countOverTime, "every interval counts its negative samples too");
        double lowestP50 = Double.MAX_VALUE;
        for (JsonNode p50 : model.path("trends").path("skew").path("p50")) if (p50.isNumber()) lowestP50 = Math.min(lowestP50, p50.asDouble());
        assertTrue(lowestP50 > 0, "70 % of each interval's samples are 12.25: its median is: " + model.path("trends").path("skew"));
        String line = Files.readAllLines(out.resolve("intervals.jsonl")).get(1);
        assertTrue(line.contains("\"min\":-5.5"), "an interval's own statistics count them: " + line);
    }

    @Test
    void csvIsK6sFormatColumnByColumn() throws Exception {
        Path csv = dir.resolve("out.csv");
        long before = System.currentTimeMillis() / 1000;
        Jload.Result r = Jload.runScript(dir, """
                import { check } from 'k6';
                import { Counter } from 'k6/metrics';
                const c = new Counter('things');
                export const options = { iterations: 1 };
                export default function () {
                  c.add(2.5, { color: 'red, really', size: 'L' });
                  check(1, { 'is one': (v) => v === 1 });
                }
                """, "--out", "csv=" + csv);
        assertEquals(0, r.exitCode(), r::toString);
        List<String> rows = Files.readAllLines(csv);
        assertEquals("metric_name,timestamp,metric_value,check,error,error_code,expected_response,group,method,name,proto,scenario,service,"
                + "status,subproto,tls_version,url,extra_tags,metadata", rows.getFirst());
        String things = rows.stream().filter(l -> l.startsWith("things,")).findFirst().orElseThrow(() -> new AssertionError(rows.toString()));
        String[] f = things.split(",", 3);
        long ts = Long.parseLong(f[1]);
        assertTrue(ts >= before && ts <= before + 60, "whole Unix seconds: " + things);
        assertTrue(things.endsWith(",2.500000,,,,,,,,,default,,,,,,\"color=red, really&size=L\","), things);
        String checkRow = rows.stream().filter(l -> l.startsWith("checks,")).findFirst().orElseThrow();
        assertTrue(checkRow.contains(",1.000000,is one,"), checkRow);

        Path gz = dir.resolve("out.csv.gz");
        Jload.Result milli = Jload.runScript(dir, "export default function () {}", "--iterations", "1", "--out",
                "csv=fileName=" + gz + ",timeFormat=unix_milli");
        assertEquals(0, milli.exitCode(), milli::toString);
        String text = new String(new GZIPInputStream(new ByteArrayInputStream(Files.readAllBytes(gz))).readAllBytes(), StandardCharsets.UTF_8);
        String iteration = text.lines().filter(l -> l.startsWith("iterations,")).findFirst().orElseThrow(() -> new AssertionError(text));
        assertTrue(iteration.split(",")[1].length() >= 13, "milliseconds: " + iteration);

        Jload.Result bad = Jload.runScript(dir, "export default function () {}", "--out", "csv=fileName=x.csv,timeFormat=weekly");
        assertEquals(104, bad.exitCode(), bad::toString);
        assertTrue(bad.stderr().contains("--out csv: timeFormat 'weekly' is not one of unix, unix_milli"), bad.stderr());
    }
}
