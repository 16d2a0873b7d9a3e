package jload.engine.output.summary;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * k6 v1's default end-of-test summary ({@code █ THRESHOLDS}, {@code █ TOTAL RESULTS}, {@code █ GROUP:}),
 * rendered from handleSummary's {@code data} object.
 *
 * <p>Layout follows k6's {@code internal/js/summary.js}: a section is a title plus a list of lines where a
 * lone {@code "\n"} item closes the previous line (producing the blank lines between blocks) and any
 * other item starts a new line. Keeping that model, rather than hand-placing blank lines, is what makes
 * the spacing match k6 in every combination of sections.
 */
public final class TextSummary {
    private static final String NL = "\n";
    private static final String TITLE_PREFIX = "█";
    private static final String SUBTITLE_PREFIX = "↳";
    private static final String SUCCESS = "✓";
    private static final String FAIL = "✗";

    private final TextSummaryOptions opts;
    private final Ansi fmt;
    private final List<String> trendStats;
    private final String timeUnit;
    private final double durationMs;

    private TextSummary(JsonNode data, TextSummaryOptions opts) {
        this.opts = opts;
        this.fmt = new Ansi(opts.enableColors());
        JsonNode dataOpts = data.path("options");
        if (opts.summaryTrendStats() != null) {
            trendStats = opts.summaryTrendStats();
        } else if (dataOpts.path("summaryTrendStats").isArray() && !dataOpts.path("summaryTrendStats").isEmpty()) {
            List<String> stats = new ArrayList<>();
            dataOpts.path("summaryTrendStats").forEach(n -> stats.add(n.asText()));
            trendStats = List.copyOf(stats);
        } else {
            trendStats = TextSummaryOptions.DEFAULT_TREND_STATS;
        }
        timeUnit = opts.summaryTimeUnit() != null ? opts.summaryTimeUnit() : dataOpts.path("summaryTimeUnit").asText("");
        durationMs = data.path("state").path("testRunDurationMs").asDouble(0);
    }

    /** What k6's {@code textSummary(data, options)} returns (it starts with a newline, as k6's does). */
    public static String render(JsonNode data, TextSummaryOptions opts) {
        TextSummary ts = new TextSummary(data, opts);
        return applyMargin(ts.build(data), opts.indent());
    }

    /** Exactly what {@code k6 run} writes to stdout when there is no handleSummary: one more blank line around. */
    public static String renderForStdout(JsonNode data, TextSummaryOptions opts) {
        return NL + render(data, opts) + NL + NL;
    }

    private String build(JsonNode data) {
        Map<String, SummaryMetric> metrics = SummaryMetric.allFrom(data.path("metrics"));
        List<Section> sections = new ArrayList<>();

        List<SummaryMetric> withThresholds = metrics.values().stream().filter(m -> !m.thresholds().isEmpty()).toList();
        if (!withThresholds.isEmpty()) sections.add(new Section("THRESHOLDS", thresholds(withThresholds)));

        RenderContext root = new RenderContext(0);
        List<String> total = new ArrayList<>();
        total.addAll(checks(CheckResults.forRun(data.path("root_group"), metrics.get("checks"), durationMs), root));
        total.addAll(metricSections(metrics.values(), root));
        sections.add(new Section("TOTAL RESULTS", total));

        if (opts.summaryMode() == SummaryMode.FULL) {
            for (JsonNode g : data.path("root_group").path("groups")) {
                sections.add(new Section("GROUP: " + g.path("name").asText(""), groupContent(g, root)));
            }
        }

        List<String> items = new ArrayList<>();
        for (Section s : sections) {
            items.add(title(s.title(), TITLE_PREFIX, root));
            items.addAll(s.content());
            items.add(NL);
        }
        StringBuilder out = new StringBuilder();
        for (String item : items) {
            if (item.equals(NL)) out.append(NL);
            else out.append(NL).append(item);
        }
        return out.toString();
    }

    private record Section(String title, List<String> content) {}

    private String title(String text, String prefix, RenderContext ctx) {
        return ctx.indent(prefix + " " + fmt.bold(text) + " " + NL);
    }

    private List<String> thresholds(List<SummaryMetric> withThresholds) {
        RenderContext ctx = new RenderContext(1);
        Map<String, SummaryMetric> byName = new LinkedHashMap<>();
        withThresholds.forEach(m -> byName.put(m.name(), m));
        List<String> names = ordered(byName.keySet());
        MetricTable table = new MetricTable(names.stream().map(byName::get).toList(), ctx, trendStats, timeUnit);

        List<String> lines = new ArrayList<>();
        for (String name : names) {
            SummaryMetric m = byName.get(name);
            // A sub-metric whose parent also has thresholds is listed under it, by its tags only.
            boolean underParent = m.isSubmetric() && byName.containsKey(m.parentName());
            RenderContext inner = underParent ? ctx.nested() : ctx;
            lines.add(inner.indent(underParent ? name.substring(m.parentName().length()) : name));
            for (SummaryMetric.Threshold t : m.thresholds()) {
                String status = t.ok() ? fmt.decorate(SUCCESS, Ansi.GREEN) : fmt.decorate(FAIL, Ansi.RED);
                String source = fmt.decorate("'" + t.source().trim() + "'", Ansi.WHITE);
                lines.add(inner.indent(status + " " + source + " " + table.thresholdValue(m, t.source(), fmt)));
            }
            lines.add(NL);
        }
        return lines;
    }

    private List<String> checks(CheckResults results, RenderContext parent) {
        if (results == null) return List.of();
        RenderContext ctx = parent.nested();
        List<SummaryMetric> checkMetrics = List.of(results.total(), results.succeeded(), results.failed());
        MetricTable table = new MetricTable(checkMetrics, ctx, trendStats, timeUnit);

        List<String> lines = new ArrayList<>();
        checkMetrics.forEach(m -> lines.add(table.line(m, ctx, fmt)));
        lines.add(NL);
        for (CheckResults.Check c : results.checks()) {
            boolean passed = c.fails() == 0;
            if (passed ? opts.showPassedChecks() : opts.showFailedChecks()) lines.add(checkLine(c, ctx));
        }
        lines.add(NL);
        return lines;
    }

    private String checkLine(CheckResults.Check c, RenderContext ctx) {
        if (c.fails() == 0) return ctx.indent(fmt.decorate(SUCCESS + " " + c.name(), Ansi.GREEN));
        double pct = Math.floor(100 * c.passes() / (c.passes() + c.fails()));
        String details = fmt.decorate(SUBTITLE_PREFIX + "  " + JsNumbers.toJsString(pct) + "% — " + SUCCESS + " "
                + JsNumbers.toJsString(c.passes()) + " / " + FAIL + " " + JsNumbers.toJsString(c.fails()), Ansi.RED);
        // k6 passes base+1 as the *level*, so the details line sits (2*base+2)*2 columns in; kept for fidelity.
        return ctx.indent(fmt.decorate(FAIL + " " + c.name(), Ansi.RED)) + NL + ctx.indent(details, ctx.base() + 1);
    }

    private List<String> metricSections(Iterable<SummaryMetric> all, RenderContext parent) {
        RenderContext ctx = parent.nested();
        Map<String, List<SummaryMetric>> bySection = new LinkedHashMap<>();
        MetricSections.displayOrder().forEach(s -> bySection.put(s, new ArrayList<>()));
        List<SummaryMetric> shown = new ArrayList<>();
        for (SummaryMetric m : all) {
            if (MetricSections.isSkipped(m.name(), opts.summaryMode())) continue;
            bySection.get(MetricSections.sectionOf(m.name())).add(m);
            shown.add(m);
        }
        MetricTable table = new MetricTable(shown, ctx, trendStats, timeUnit);

        List<String> lines = new ArrayList<>();
        bySection.forEach((section, metrics) -> {
            if (metrics.isEmpty()) return;
            Map<String, SummaryMetric> byName = new LinkedHashMap<>();
            metrics.forEach(m -> byName.put(m.name(), m));
            lines.add(ctx.indent(fmt.bold(section)));
            for (String name : ordered(byName.keySet())) lines.add(table.line(byName.get(name), ctx, fmt));
            lines.add(NL);
        });
        return lines;
    }

    private List<String> groupContent(JsonNode group, RenderContext ctx) {
        List<String> lines = new ArrayList<>(checks(CheckResults.forGroup(group, durationMs), ctx));
        // handleSummary data carries no per-group metrics; jload may attach them as group.metrics.
        lines.addAll(metricSections(SummaryMetric.allFrom(group.path("metrics")).values(), ctx));
        RenderContext nested = ctx.nested();
        for (JsonNode sub : group.path("groups")) {
            lines.add(title("GROUP: " + sub.path("name").asText(""), SUBTITLE_PREFIX, nested));
            lines.addAll(groupContent(sub, nested));
        }
        return lines;
    }

    private List<String> ordered(Collection<String> names) {
        return opts.sortByName() ? MetricOrder.sorted(names) : new ArrayList<>(names);
    }

    private static String applyMargin(String text, String margin) {
        if (margin.isEmpty()) return text;
        StringBuilder sb = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            sb.append(line.isEmpty() ? "" : margin + line).append('\n');
        }
        sb.setLength(sb.length() - 1);
        return sb.toString();
    }
}
