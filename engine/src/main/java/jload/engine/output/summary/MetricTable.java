package jload.engine.output.summary;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Column layout for a block of metric lines (k6's {@code computeSummaryInfo} + {@code renderMetricLine}).
 *
 * <p>Widths are computed once over every metric of the block, so all sub-headings of TOTAL RESULTS share
 * one dot column and one value column, as in k6's output.
 */
final class MetricTable {
    private final List<String> trendStats;
    private final int maxNameWidth;
    private final Map<String, List<String>> trendCols = new HashMap<>();
    private final int[] trendColMaxLens;
    private final Map<String, String> nonTrendValues = new HashMap<>();
    private final Map<String, List<String>> nonTrendExtras = new HashMap<>();
    private final List<Integer> extraMaxLens = new ArrayList<>();
    private final int maxNonTrendValueLen;
    private final String timeUnit;

    MetricTable(Collection<SummaryMetric> metrics, RenderContext ctx, List<String> trendStats, String timeUnit) {
        this.trendStats = trendStats;
        this.timeUnit = timeUnit;
        this.trendColMaxLens = new int[trendStats.size()];
        int nameWidth = 0;
        int valueLen = 0;
        for (SummaryMetric m : metrics) {
            nameWidth = Math.max(nameWidth, Ansi.width(ctx.indent(displayName(m.name()))));
            if ("trend".equals(m.type())) {
                List<String> cols = new ArrayList<>();
                for (int i = 0; i < trendStats.size(); i++) {
                    String col = MetricValues.trendStat(m, trendStats.get(i), timeUnit);
                    trendColMaxLens[i] = Math.max(trendColMaxLens[i], Ansi.width(col));
                    cols.add(col);
                }
                trendCols.put(m.name(), cols);
            } else {
                List<String> values = MetricValues.nonTrend(m, timeUnit);
                nonTrendValues.put(m.name(), values.getFirst());
                valueLen = Math.max(valueLen, Ansi.width(values.getFirst()));
                List<String> extras = values.subList(1, values.size());
                nonTrendExtras.put(m.name(), extras);
                for (int i = 0; i < extras.size(); i++) {
                    int w = Ansi.width(extras.get(i));
                    if (i >= extraMaxLens.size()) extraMaxLens.add(w);
                    else extraMaxLens.set(i, Math.max(extraMaxLens.get(i), w));
                }
            }
        }
        this.maxNameWidth = nameWidth;
        this.maxNonTrendValueLen = valueLen;
    }

    /** Sub-metrics print as {@code "  { tag:value }"}, nested two spaces under their parent. */
    static String displayName(String name) {
        int brace = name.indexOf('{');
        if (brace < 0) return name;
        return "  { " + name.substring(brace + 1, name.length() - 1) + " }";
    }

    String line(SummaryMetric m, RenderContext ctx, Ansi fmt) {
        String shown = displayName(m.name());
        int dots = maxNameWidth - Ansi.width(shown) - Ansi.width(ctx.indentLevel()) + 3;
        String dotted = shown + fmt.decorate(".".repeat(Math.max(0, dots)) + ":", Ansi.WHITE, Ansi.FAINT);
        String data = "trend".equals(m.type()) ? trendData(m.name(), fmt) : nonTrendData(m.name(), fmt);
        return ctx.indent(dotted + " " + data);
    }

    private String trendData(String name, Ansi fmt) {
        List<String> cols = trendCols.get(name);
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < cols.size(); i++) {
            String col = cols.get(i);
            parts.add(trendStats.get(i) + "=" + fmt.decorate(col, Ansi.CYAN)
                    + " ".repeat(trendColMaxLens[i] - Ansi.width(col)));
        }
        return String.join(" ", parts);
    }

    private String nonTrendData(String name, Ansi fmt) {
        String value = nonTrendValues.get(name);
        List<String> extras = nonTrendExtras.get(name);
        StringBuilder sb = new StringBuilder(fmt.decorate(value, Ansi.CYAN))
                .append(" ".repeat(maxNonTrendValueLen - Ansi.width(value)));
        if (extras.size() == 1) {
            // A lone extra is never padded, so counter/rate lines carry no trailing blanks.
            sb.append(' ').append(fmt.decorate(extras.getFirst(), Ansi.CYAN, Ansi.FAINT));
        } else if (extras.size() > 1) {
            List<String> parts = new ArrayList<>();
            for (int i = 0; i < extras.size(); i++) {
                String e = extras.get(i);
                parts.add(fmt.decorate(e, Ansi.CYAN, Ansi.FAINT) + " ".repeat(extraMaxLens.get(i) - Ansi.width(e)));
            }
            sb.append(' ').append(String.join(" ", parts));
        }
        return sb.toString();
    }

    /**
     * The {@code agg=value} shown after a threshold. The aggregation is the text before the first
     * {@code < > =}; trends look it up among the values even when it isn't a summary column, since k6 adds
     * threshold percentiles to the values. An unknown aggregation renders empty, as JS joins undefined.
     */
    String thresholdValue(SummaryMetric m, String source, Ansi fmt) {
        String agg = source.split("[=><]", 2)[0].trim();
        String value;
        switch (m.type()) {
            case "trend" -> {
                int idx = trendStats.indexOf(agg);
                if (idx >= 0) value = trendCols.get(m.name()).get(idx);
                else value = m.values().containsKey(agg) ? MetricValues.trendStat(m, agg, timeUnit) : "";
            }
            case "counter" -> value = "count".equals(agg)
                    ? nonTrendValues.get(m.name()) : nonTrendExtras.get(m.name()).getFirst();
            default -> value = nonTrendValues.get(m.name());
        }
        return fmt.decorate(agg, Ansi.WHITE) + "=" + fmt.decorate(value, Ansi.CYAN);
    }
}
