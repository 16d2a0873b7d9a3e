package jload.engine.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jload.engine.metrics.TrendDistribution;
import jload.engine.metrics.TrendSeries;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * What a report page draws, built interval by interval (so the dashboard adds one interval at a time, and a report
 * replays a kept run): the run, the verdict, each interval's VUs, rates, checks, errors and each Trend's percentiles
 * — from the interval histograms of all its series merged, so a p99 over time is a real p99, not an average of
 * per-series ones — each Trend's percentile distribution over the whole run, per-tag tables, checks, every metric's
 * end value (for comparing runs) and jload's stalls. {@link #toJson()} is the tree the page's script reads; times in
 * epoch milliseconds, values in the metric's unit.
 *
 * <p>Cost: adding an interval is proportional to the number of series; {@link #toJson()} to the intervals so far
 * (the time series) plus the series (the whole-run distributions and tables).
 */
public final class ReportModel {
    /** The tags a report tabulates Trends by. */
    static final List<String> TABLE_TAGS = List.of("name", "scenario", "group", "status");
    /**
     * How long after a stall ends its list may still change (a GC pause's notice comes after the probes' echoes of it,
     * and removes them): an update resends the stalls that ended this far back.
     */
    static final long STALL_NOTICE_MILLIS = 2_000;
    private static final Pattern THRESHOLD = Pattern.compile("^\\s*([a-z]+(?:\\([0-9.]+\\))?)\\s*(<=|>=|==|!=|<|>)\\s*(.+?)\\s*$");

    /**
     * A Trend series: its log's entry in the index (metric, tags, contains) and every sample so far: the non-negative
     * ones, and the magnitudes of the negative ones (a custom Trend's).
     */
    private record Log(JsonNode entry, Histogram wholeRun, Histogram wholeRunNegatives) { }

    private final ObjectMapper json = new ObjectMapper();
    private final ObjectNode runInfo;
    private final long intervalMillis;
    private long start = -1, end;
    private JsonNode stalls = json.createArrayNode();
    private JsonNode summary;
    private int intervals;
    private final ArrayNode times = json.createArrayNode();
    private final Map<String, ArrayNode> gauges = new TreeMap<>(), counters = new TreeMap<>(), errors = new TreeMap<>();
    private final Map<String, ObjectNode> rates = new TreeMap<>(), trends = new LinkedHashMap<>();
    private final Map<String, Log> logs = new LinkedHashMap<>();
    private final Map<String, long[]> checks = new TreeMap<>();

    /**
     * @param runInfo what the index says about the run (script, scenarios, versions, …) and {@code folder}
     */
    public ReportModel(JsonNode runInfo, long intervalMillis) {
        this.runInfo = runInfo.deepCopy();
        this.intervalMillis = intervalMillis;
    }

    /** The model of a kept run: its intervals replayed in order. */
    public static ObjectNode of(RunRecord run) {
        ObjectNode info = run.index().path("run").deepCopy();
        info.put("folder", run.dir().getFileName() == null ? run.dir().toString() : run.dir().getFileName().toString());
        ReportModel model = new ReportModel(info, run.index().path("intervalMillis").asLong());
        for (JsonNode log : run.index().path("logs")) model.addLog(log.path("file").asText(), log);
        // The log keeps seconds with three decimals: an interval's histogram is matched to it within 2 ms.
        Map<String, TreeMap<Long, Histogram>> byStart = new LinkedHashMap<>();
        run.histograms().forEach((file, h) -> byStart.put(file, new TreeMap<>(h)));
        Map<String, String> negativesOf = new LinkedHashMap<>();
        for (JsonNode log : run.index().path("logs")) {
            if (log.hasNonNull("negatives")) negativesOf.put(log.path("negatives").asText(), log.path("file").asText());
        }
        for (JsonNode interval : run.intervals()) {
            long s = interval.path("start").asLong();
            Map<String, Histogram> these = new LinkedHashMap<>(), negatives = new LinkedHashMap<>();
            byStart.forEach((file, h) -> {
                Map.Entry<Long, Histogram> hit = h.ceilingEntry(s - 2);
                if (hit == null || hit.getKey() > s + 2) return;
                String series = negativesOf.get(file);
                if (series == null) these.put(file, hit.getValue());
                else negatives.put(series, hit.getValue());
            });
            model.addInterval(interval, these, negatives);
        }
        model.setStalls(run.index().path("stalls"));
        model.setSummary(run.summary());
        model.setSpan(run.index().path("start").asLong(), run.index().path("end").asLong());
        return model.toJson();
    }

    /** A Trend series, named {@code key} (its log file), with its index entry: {@code metric}, {@code tags}, {@code contains}. */
    public void addLog(String key, JsonNode entry) {
        logs.putIfAbsent(key, new Log(entry, new Histogram(3), new Histogram(3)));
    }

    /**
     * One interval: its line of {@code intervals.jsonl} ({@code start}, {@code end}, {@code series}) and its Trend
     * histograms by log key (each series added with {@link #addLog} first).
     */
    public void addInterval(JsonNode interval, Map<String, Histogram> histograms) {
        addInterval(interval, histograms, Map.of());
    }

    /**
     * As {@link #addInterval(JsonNode, Map)}, with the magnitudes of the series' negative samples in the interval, by
     * log key (only the series that had any).
     */
    public void addInterval(JsonNode interval, Map<String, Histogram> histograms, Map<String, Histogram> negatives) {
        long s = interval.path("start").asLong(), e = interval.path("end").asLong();
        if (start < 0) start = s;
        end = Math.max(end, e);
        times.add(e);
        double seconds = Math.max(0.001, (e - s) / 1000.0);
        // A run's last interval can be a few ms long: a rate per second over it would be noise (1 request in 2 ms:
        // "500/s"). Its samples are in the whole-run figures; its rates are not drawn.
        boolean tooShort = intervalMillis > 0 && e - s < intervalMillis / 5;
        Map<String, Double> gaugeSum = new LinkedHashMap<>(), counterSum = new LinkedHashMap<>(), errorSum = new LinkedHashMap<>();
        Map<String, long[]> rateSum = new LinkedHashMap<>();
        for (JsonNode series : interval.path("series")) {
            String metric = series.path("metric").asText();
            switch (series.path("type").asText()) {
                case "gauge" -> {
                    if (series.path("value").isNumber()) gaugeSum.merge(metric, series.path("value").asDouble(), Double::sum);
                }
                case "counter" -> {
                    if (!tooShort) counterSum.merge(metric, series.path("value").asDouble() / seconds, Double::sum);
                    String kind = series.path("tags").path("kind").asText("");
                    if (!kind.isEmpty()) errorSum.merge(metric + "{kind:" + kind + "}", series.path("value").asDouble(), Double::sum);
                }
                case "rate" -> {
                    long[] pf = rateSum.computeIfAbsent(metric, k -> new long[2]);
                    pf[0] += series.path("passes").asLong();
                    pf[1] += series.path("fails").asLong();
                    if (metric.equals("checks")) {
                        long[] c = checks.computeIfAbsent(series.path("tags").path("check").asText("(unnamed)"), k -> new long[2]);
                        c[0] += series.path("passes").asLong();
                        c[1] += series.path("fails").asLong();
                    }
                }
                default -> { }
            }
        }
        append(gauges, gaugeSum);
        append(counters, counterSum);
        append(errors, errorSum);
        appendRates(rateSum);
        appendTrends(histograms, negatives);
        intervals++;
    }

    /** Each known series gets this interval's value or null; a new one is padded with nulls for the intervals before. */
    private void append(Map<String, ArrayNode> into, Map<String, Double> values) {
        for (Map.Entry<String, Double> v : values.entrySet()) into.computeIfAbsent(v.getKey(), k -> nulls(intervals));
        for (Map.Entry<String, ArrayNode> a : into.entrySet()) {
            Double v = values.get(a.getKey());
            if (v == null) a.getValue().addNull();
            else a.getValue().add(v);
        }
    }

    private void appendRates(Map<String, long[]> values) {
        for (String metric : values.keySet()) {
            rates.computeIfAbsent(metric, k -> {
                ObjectNode o = json.createObjectNode();
                o.set("passes", nulls(intervals));
                o.set("fails", nulls(intervals));
                return o;
            });
        }
        for (Map.Entry<String, ObjectNode> r : rates.entrySet()) {
            long[] pf = values.get(r.getKey());
            if (pf == null) {
                ((ArrayNode) r.getValue().get("passes")).addNull();
                ((ArrayNode) r.getValue().get("fails")).addNull();
            } else {
                ((ArrayNode) r.getValue().get("passes")).add(pf[0]);
                ((ArrayNode) r.getValue().get("fails")).add(pf[1]);
            }
        }
    }

    private void appendTrends(Map<String, Histogram> histograms, Map<String, Histogram> negatives) {
        Map<String, Histogram> byMetric = new LinkedHashMap<>(), negativesByMetric = new LinkedHashMap<>();
        for (Map.Entry<String, Histogram> h : histograms.entrySet()) {
            Log log = logs.get(h.getKey());
            if (log == null) continue;
            log.wholeRun().add(h.getValue());
            String metric = log.entry().path("metric").asText();
            byMetric.computeIfAbsent(metric, k -> new Histogram(3)).add(h.getValue());
        }
        for (Map.Entry<String, Histogram> h : negatives.entrySet()) {
            Log log = logs.get(h.getKey());
            if (log == null || h.getValue() == null) continue;
            log.wholeRunNegatives().add(h.getValue());
            negativesByMetric.computeIfAbsent(log.entry().path("metric").asText(), k -> new Histogram(3)).add(h.getValue());
        }
        for (Log log : logs.values()) {
            String metric = log.entry().path("metric").asText();
            trends.computeIfAbsent(metric, k -> {
                ObjectNode t = json.createObjectNode().put("contains", log.entry().path("contains").asText("default"));
                for (String p : new String[] {"p50", "p95", "p99", "max", "count"}) t.set(p, nulls(intervals));
                return t;
            });
        }
        for (Map.Entry<String, ObjectNode> t : trends.entrySet()) {
            Histogram h = byMetric.get(t.getKey()), n = negativesByMetric.get(t.getKey());
            TrendDistribution d = h == null && n == null ? null : TrendDistribution.fromHistograms(h == null ? new Histogram(3) : h, n);
            ObjectNode node = t.getValue();
            ((ArrayNode) node.get("count")).add(d == null ? 0 : d.count());
            for (String p : new String[] {"p50", "p95", "p99", "max"}) {
                ArrayNode a = (ArrayNode) node.get(p);
                if (d == null || d.count() == 0) a.addNull();
                else a.add(p.equals("max") ? d.max() : d.percentile(Double.parseDouble(p.substring(1))));
            }
        }
    }

    private ArrayNode nulls(int n) {
        ArrayNode a = json.createArrayNode();
        for (int i = 0; i < n; i++) a.addNull();
        return a;
    }

    public void setStalls(JsonNode stalls) {
        this.stalls = stalls.deepCopy();
    }

    public void setSummary(JsonNode summary) {
        this.summary = summary;
    }

    /** The run's first and last instant, when they are wider than its intervals (the index's). */
    public void setSpan(long first, long last) {
        if (first > 0) start = start < 0 ? first : Math.min(start, first);
        end = Math.max(end, last);
    }

    public ObjectNode toJson() {
        return toJson(Integer.MAX_VALUE);
    }

    /** How many intervals the model holds. */
    public int intervals() {
        return intervals;
    }

    /**
     * The model with its time series cut to the last {@code lastIntervals} intervals (the dashboard's window, so an
     * update stays the same size however long the run); the whole-run parts (distributions, tables, checks) are whole.
     */
    public ObjectNode toJson(int lastIntervals) {
        return toJson(lastIntervals, 0);
    }

    /**
     * What a page that holds the first {@code after} intervals needs: the intervals after them ({@code delta} true,
     * {@code intervalsCut} = {@code after}) and the stalls that end at {@code stallsFrom} or later (a page replaces its
     * own from there: a stall is recorded when it ends, perhaps seconds after it began, and a GC pause's echoes are left
     * out when its notice comes, a moment after them), with the whole-run parts whole. A
     * page with none of them, or so far behind that the window has moved past them, gets the whole window instead
     * ({@code delta} false). So an update's size is in proportion to the series, not to the run's length.
     */
    public ObjectNode toJson(int lastIntervals, int after) {
        int window = Math.max(0, intervals - lastIntervals);
        boolean delta = after > 0 && after >= window && after <= intervals;
        int from = delta ? after : window;
        ObjectNode m = json.createObjectNode();
        m.set("run", runInfo.deepCopy());
        long windowStart = window == 0 ? start : times.get(window - 1).asLong();
        m.put("start", windowStart).put("end", end).put("intervalMillis", intervalMillis);
        m.put("runStart", start).put("intervalsCut", from).put("delta", delta).put("window", lastIntervals);
        long stallsFrom = delta ? times.get(after - 1).asLong() - STALL_NOTICE_MILLIS : Long.MIN_VALUE;
        ArrayNode kept = json.createArrayNode();
        for (JsonNode s : stalls) {
            long end = s.path("start").asLong() + s.path("durationMillis").asLong();
            if (delta ? end >= stallsFrom : window == 0 || end >= windowStart) kept.add(s.deepCopy());
        }
        if (delta) m.put("stallsFrom", stallsFrom);
        m.set("stalls", kept);
        m.set("times", tail(times, from));
        m.set("gauges", tails(gauges, from));
        m.set("counters", tails(counters, from)); // per second
        m.set("errors", tails(errors, from)); // per interval
        ObjectNode r = m.putObject("rates");
        rates.forEach((k, v) -> r.putObject(k).<ObjectNode>set("passes", tail((ArrayNode) v.get("passes"), from)).set("fails", tail((ArrayNode) v.get("fails"), from)));
        ObjectNode t = m.putObject("trends");
        trends.forEach((k, v) -> {
            ObjectNode o = t.putObject(k).put("contains", v.path("contains").asText());
            for (String p : new String[] {"p50", "p95", "p99", "max", "count"}) o.set(p, tail((ArrayNode) v.get(p), from));
        });
        distributions(m.putObject("distributions"));
        tables(m.putObject("tables"));
        ArrayNode c = m.putArray("checks");
        checks.forEach((name, pf) -> c.addObject().put("name", name).put("passes", pf[0]).put("fails", pf[1]));
        verdict(m.putArray("verdict"));
        endValues(m.putObject("metrics"));
        return m;
    }

    private ArrayNode tail(ArrayNode a, int from) {
        ArrayNode out = json.createArrayNode();
        for (int i = from; i < a.size(); i++) out.add(a.get(i));
        return out;
    }

    private ObjectNode tails(Map<String, ArrayNode> series, int from) {
        ObjectNode out = json.createObjectNode();
        series.forEach((k, v) -> out.set(k, tail(v, from)));
        return out;
    }

    private Map<String, List<Log>> logsByMetric() {
        Map<String, List<Log>> out = new LinkedHashMap<>();
        for (Log l : logs.values()) out.computeIfAbsent(l.entry().path("metric").asText(), k -> new ArrayList<>()).add(l);
        return out;
    }

    /** The series' samples together, negative ones included. */
    private static TrendDistribution merged(List<Log> logs) {
        Histogram all = new Histogram(3), negatives = new Histogram(3);
        for (Log l : logs) {
            all.add(l.wholeRun());
            negatives.add(l.wholeRunNegatives());
        }
        return TrendDistribution.fromHistograms(all, negatives);
    }

    /** Where the distribution chart puts its points when some samples are negative: HdrHistogram's levels, roughly. */
    private static final double[] LEVELS = {0, 10, 20, 30, 40, 50, 55, 60, 65, 70, 75, 77.5, 80, 82.5, 85, 87.5, 90, 91.25, 92.5,
        93.75, 95, 95.625, 96.25, 96.875, 97.5, 98.125, 98.75, 99, 99.375, 99.6875, 99.84375, 99.9, 99.921875, 99.96, 99.99, 99.999};

    /** Percentile (as HdrHistogram plots it: 1/(1-p) on a log scale) → value, per Trend, over the run so far. */
    private void distributions(ObjectNode out) {
        for (Map.Entry<String, List<Log>> e : logsByMetric().entrySet()) {
            TrendDistribution all = merged(e.getValue());
            if (all.count() == 0) continue;
            ObjectNode d = out.putObject(e.getKey());
            ArrayNode p = d.putArray("percentiles"), v = d.putArray("values");
            if (e.getValue().stream().anyMatch(l -> l.wholeRunNegatives().getTotalCount() > 0)) {
                // HdrHistogram's own iteration knows no negative values: the merged distribution is read at set levels.
                for (double level : LEVELS) {
                    p.add(level);
                    v.add(all.percentile(level));
                }
                p.add(100.0);
                v.add(all.max());
                continue;
            }
            Histogram h = new Histogram(3);
            for (Log l : e.getValue()) h.add(l.wholeRun());
            for (HistogramIterationValue x : h.percentiles(5)) {
                double level = x.getPercentileLevelIteratedTo();
                if (level >= 100) break;
                p.add(level);
                v.add(h.highestEquivalentValue(x.getValueIteratedTo()) / TrendSeries.SCALE);
            }
            p.add(100.0);
            v.add(h.getMaxValue() / TrendSeries.SCALE);
        }
    }

    /** Per table tag: per Trend metric and tag value, the merged series' count and percentiles. */
    private void tables(ObjectNode out) {
        for (String tag : TABLE_TAGS) {
            ArrayNode rows = json.createArrayNode();
            for (Map.Entry<String, List<Log>> e : logsByMetric().entrySet()) {
                Map<String, List<Log>> byValue = new TreeMap<>();
                for (Log log : e.getValue()) {
                    JsonNode v = log.entry().path("tags").path(tag);
                    if (v.isTextual()) byValue.computeIfAbsent(v.asText(), k -> new ArrayList<>()).add(log);
                }
                for (Map.Entry<String, List<Log>> g : byValue.entrySet()) {
                    TrendDistribution d = merged(g.getValue());
                    if (d.count() == 0) continue;
                    rows.addObject().put("metric", e.getKey()).put("value", g.getKey())
                            .put("contains", g.getValue().getFirst().entry().path("contains").asText())
                            .put("count", d.count()).put("avg", d.avg()).put("p50", d.percentile(50)).put("p95", d.percentile(95))
                            .put("p99", d.percentile(99)).put("max", d.max());
                }
            }
            if (!rows.isEmpty()) out.set(tag, rows);
        }
    }

    /** Each threshold of the summary: its metric, expression, the observed value it was judged on, and whether it held. */
    private void verdict(ArrayNode out) {
        JsonNode metrics = summary == null ? null : summary.path("metrics");
        if (metrics == null) return;
        metrics.properties().forEach(metric -> metric.getValue().path("thresholds").properties().forEach(t -> {
            ObjectNode row = out.addObject().put("metric", metric.getKey()).put("threshold", t.getKey()).put("ok", t.getValue().path("ok").asBoolean());
            Matcher x = THRESHOLD.matcher(t.getKey());
            if (x.matches()) {
                JsonNode v = metric.getValue().path("values").path(x.group(1));
                if (v.isNumber()) row.put("observed", v.asDouble()).put("stat", x.group(1));
            }
            row.put("contains", metric.getValue().path("contains").asText("default"));
        }));
    }

    /** Every metric's end-of-test values (as the summary has them), for a table and for comparing runs. */
    private void endValues(ObjectNode out) {
        JsonNode metrics = summary == null ? null : summary.path("metrics");
        if (metrics == null) return;
        metrics.properties().forEach(e -> {
            if (e.getKey().contains("{")) return; // a threshold's sub-metric: its parent is there
            ObjectNode row = out.putObject(e.getKey());
            row.put("type", e.getValue().path("type").asText());
            row.put("contains", e.getValue().path("contains").asText("default"));
            row.set("values", e.getValue().path("values").deepCopy());
        });
    }
}
