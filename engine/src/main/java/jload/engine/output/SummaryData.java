package jload.engine.output;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jload.engine.metrics.Metric;
import jload.engine.metrics.MetricRegistry;
import jload.engine.metrics.SeriesSnapshot;
import jload.engine.metrics.TagSet;
import jload.engine.metrics.TrendStat;
import jload.engine.thresholds.MetricThresholds;
import jload.engine.thresholds.Threshold;
import jload.engine.thresholds.ThresholdEvaluation;
import jload.engine.thresholds.ThresholdResult;

/**
 * The end-of-test data in k6's handleSummary shape ({@code metrics}, {@code root_group},
 * {@code options}, {@code state}): what handleSummary receives, what the text summary renders and
 * what --summary-export flattens. Times are milliseconds, as in k6.
 */
public final class SummaryData {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SummaryData() {}

    /** @param setupData setup()'s result as JSON, or null */
    public record Inputs(MetricRegistry registry, List<String> trendStats, List<MetricThresholds> thresholds,
                         ThresholdEvaluation verdict, double elapsedSeconds, boolean stdoutTty, boolean stderrTty,
                         boolean noColor, String setupData) {}

    public static ObjectNode build(Inputs in) {
        ObjectNode root = JSON.createObjectNode();
        root.set("root_group", rootGroup(in.registry()));
        ObjectNode options = root.putObject("options");
        ArrayNode stats = options.putArray("summaryTrendStats");
        in.trendStats().forEach(stats::add);
        options.put("summaryTimeUnit", "");
        options.put("noColor", in.noColor());
        ObjectNode state = root.putObject("state");
        state.put("isStdOutTTY", in.stdoutTty());
        state.put("isStdErrTTY", in.stderrTty());
        state.put("testRunDurationMs", in.elapsedSeconds() * 1000);
        root.set("metrics", metrics(in));
        if (in.setupData() != null) {
            try {
                root.set("setup_data", JSON.readTree(in.setupData()));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("setup data is not JSON", e);
            }
        }
        return root;
    }

    private static ObjectNode metrics(Inputs in) {
        Map<String, Map<String, Boolean>> verdicts = new LinkedHashMap<>();
        if (in.verdict() != null) {
            for (ThresholdResult r : in.verdict().results()) {
                verdicts.computeIfAbsent(r.selectorKey(), k -> new LinkedHashMap<>()).put(r.expressionSource(), r.ok());
            }
        }
        // Percentiles named by thresholds are reported even when not among the summary's trend stats.
        Map<String, Set<String>> extraStats = new LinkedHashMap<>();
        for (MetricThresholds mt : in.thresholds()) {
            for (Threshold t : mt.thresholds()) {
                String key = t.expression().aggregationKey();
                if (TrendStat.percentileOf(key) != null) {
                    extraStats.computeIfAbsent(mt.selector().key(), k -> new LinkedHashSet<>()).add(key);
                }
            }
        }
        ObjectNode metrics = JSON.createObjectNode();
        for (Metric m : in.registry().all()) {
            SeriesSnapshot snap = m.snapshot();
            boolean judged = verdicts.containsKey(m.name());
            if (!snap.hasSamples() && !judged) continue;
            metrics.set(m.name(), metricEntry(m, snap, in, verdicts.get(m.name()), extraStats.get(m.name())));
        }
        for (MetricThresholds mt : in.thresholds()) {
            if (mt.selector().tags().isEmpty()) continue;
            Metric m = in.registry().get(mt.selector().metricName());
            if (m == null) continue;
            String key = mt.selector().key();
            metrics.set(key, metricEntry(m, m.snapshot(mt.selector().tags()), in, verdicts.get(key), extraStats.get(key)));
        }
        return metrics;
    }

    private static ObjectNode metricEntry(Metric m, SeriesSnapshot snap, Inputs in, Map<String, Boolean> verdicts,
                                          Set<String> extraStats) {
        ObjectNode entry = JSON.createObjectNode();
        entry.put("type", m.type().k6Name());
        entry.put("contains", m.kind().k6Name());
        List<String> stats = new ArrayList<>(in.trendStats());
        if (extraStats != null) extraStats.stream().filter(s -> !stats.contains(s)).forEach(stats::add);
        ObjectNode values = entry.putObject("values");
        snap.summaryValues(stats, in.elapsedSeconds()).forEach((k, v) -> values.put(k, Double.isNaN(v) ? 0 : v));
        if (verdicts != null) {
            ObjectNode t = entry.putObject("thresholds");
            verdicts.forEach((expr, ok) -> t.putObject(expr).put("ok", ok));
        }
        return entry;
    }

    /** k6's group tree with its checks, rebuilt from the checks metric's tags (group path, check name). */
    private static ObjectNode rootGroup(MetricRegistry registry) {
        Group root = new Group("", "");
        Metric groupDuration = registry.get("group_duration");
        if (groupDuration != null) {
            for (TagSet tags : groupDuration.snapshotsByTags().keySet()) root.groupAt(tags.get("group"));
        }
        Metric checks = registry.get("checks");
        if (checks != null) {
            for (Map.Entry<TagSet, SeriesSnapshot> e : checks.snapshotsByTags().entrySet()) {
                String name = e.getKey().get("check");
                if (name == null) continue;
                Group g = root.groupAt(e.getKey().get("group"));
                long[] pf = g.checks.computeIfAbsent(name, n -> new long[2]);
                pf[0] += e.getValue().passes();
                pf[1] += e.getValue().fails();
            }
        }
        return root.toJson();
    }

    private static final class Group {
        final String name;
        final String path;
        final Map<String, Group> groups = new LinkedHashMap<>();
        final Map<String, long[]> checks = new LinkedHashMap<>();

        Group(String name, String path) {
            this.name = name;
            this.path = path;
        }

        Group groupAt(String groupPath) {
            if (groupPath == null || groupPath.isEmpty()) return this;
            Group g = this;
            for (String part : groupPath.substring(2).split("::", -1)) {
                String childPath = g.path + "::" + part;
                g = g.groups.computeIfAbsent(part, n -> new Group(n, childPath));
            }
            return g;
        }

        ObjectNode toJson() {
            ObjectNode node = JSON.createObjectNode();
            node.put("name", name);
            node.put("path", path);
            node.put("id", md5(path));
            ArrayNode gs = node.putArray("groups");
            groups.values().forEach(g -> gs.add(g.toJson()));
            ArrayNode cs = node.putArray("checks");
            checks.forEach((checkName, pf) -> {
                ObjectNode c = cs.addObject();
                c.put("name", checkName);
                c.put("path", path + "::" + checkName);
                c.put("id", md5(path + "::" + checkName));
                c.put("passes", pf[0]);
                c.put("fails", pf[1]);
            });
            return node;
        }
    }

    /** k6 names groups and checks by the MD5 of their path. */
    private static String md5(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
