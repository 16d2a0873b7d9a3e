package jload.engine.metrics;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The names of trend statistics k6 accepts in {@code summaryTrendStats}: avg, min, med, max, count, p(N). */
public final class TrendStat {
    public static final List<String> DEFAULTS = List.of("avg", "min", "med", "max", "p(90)", "p(95)");
    private static final Pattern PERCENTILE = Pattern.compile("p\\((\\d+(?:\\.\\d+)?)\\)");

    private TrendStat() {}

    /** The N of {@code p(N)}, or null when {@code name} is not a percentile. */
    public static Double percentileOf(String name) {
        Matcher m = PERCENTILE.matcher(name);
        if (!m.matches()) return null;
        double p = Double.parseDouble(m.group(1));
        return p <= 100 ? p : null;
    }

    public static boolean isValid(String name) {
        return switch (name) {
            case "avg", "min", "med", "max", "count" -> true;
            default -> percentileOf(name) != null;
        };
    }
}
