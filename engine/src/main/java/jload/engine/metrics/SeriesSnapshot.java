package jload.engine.metrics;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one or several series of a metric hold at an instant, in a form that merges (to aggregate a
 * metric over all its tag sets, or a sub-metric over the matching ones) and that names its values
 * the way k6 does ({@code count}, {@code rate}, {@code value}, {@code avg}, {@code p(95)}, …).
 */
public record SeriesSnapshot(
        MetricType type,
        double sum, long samples,            // counter: sum of values; samples is how many adds
        double value, double min, double max, // gauge: last, smallest, largest
        long updatedNanos,                    // gauge: when value was set
        long passes, long fails,              // rate
        TrendDistribution trend) {            // trend

    static SeriesSnapshot counter(double sum, long samples) {
        return new SeriesSnapshot(MetricType.COUNTER, sum, samples, Double.NaN, Double.NaN, Double.NaN, 0, 0, 0, null);
    }

    static SeriesSnapshot gauge(double value, double min, double max, long updatedNanos) {
        return new SeriesSnapshot(MetricType.GAUGE, 0, 0, value, min, max, updatedNanos, 0, 0, null);
    }

    static SeriesSnapshot rate(long passes, long fails) {
        return new SeriesSnapshot(MetricType.RATE, 0, 0, Double.NaN, Double.NaN, Double.NaN, 0, passes, fails, null);
    }

    static SeriesSnapshot trend(TrendDistribution distribution) {
        return new SeriesSnapshot(MetricType.TREND, 0, 0, Double.NaN, Double.NaN, Double.NaN, 0, 0, 0, distribution);
    }

    public static SeriesSnapshot empty(MetricType type) {
        return switch (type) {
            case COUNTER -> counter(0, 0);
            case GAUGE -> gauge(Double.NaN, Double.NaN, Double.NaN, 0);
            case RATE -> rate(0, 0);
            case TREND -> trend(TrendDistribution.empty());
        };
    }

    /** Several series of one metric as one. For a gauge, the value is the one set most recently in any of them. */
    public static SeriesSnapshot merge(MetricType type, Collection<SeriesSnapshot> parts) {
        if (type == MetricType.TREND) {
            return trend(TrendDistribution.merge(parts.stream().map(SeriesSnapshot::trend).toList()));
        }
        SeriesSnapshot acc = empty(type);
        for (SeriesSnapshot s : parts) acc = acc.plus(s);
        return acc;
    }

    private SeriesSnapshot plus(SeriesSnapshot o) {
        return switch (type) {
            case COUNTER -> counter(sum + o.sum, samples + o.samples);
            case GAUGE -> {
                boolean theirsIsLater = Double.isNaN(value) || !Double.isNaN(o.value) && o.updatedNanos - updatedNanos > 0;
                yield gauge(theirsIsLater ? o.value : value, nanMin(min, o.min), nanMax(max, o.max),
                        theirsIsLater ? o.updatedNanos : updatedNanos);
            }
            case RATE -> rate(passes + o.passes, fails + o.fails);
            case TREND -> throw new IllegalStateException("trends merge in one pass, see merge");
        };
    }

    /** Whether any sample was recorded. Thresholds over a metric with no samples are not judged. */
    public boolean hasSamples() {
        return switch (type) {
            case COUNTER -> samples > 0;
            case GAUGE -> !Double.isNaN(value);
            case RATE -> passes + fails > 0;
            case TREND -> trend.count() > 0;
        };
    }

    /**
     * One named value, k6's way: {@code count}/{@code rate} for counters (rate per second over
     * {@code elapsedSeconds}), {@code value}/{@code min}/{@code max} for gauges, {@code rate}/
     * {@code passes}/{@code fails} for rates, {@code avg}/{@code min}/{@code med}/{@code max}/
     * {@code count}/{@code p(N)} for trends. NaN for a name the type does not have.
     */
    public double value(String name, double elapsedSeconds) {
        return switch (type) {
            case COUNTER -> switch (name) {
                case "count" -> sum;
                case "rate" -> elapsedSeconds > 0 ? sum / elapsedSeconds : 0;
                default -> Double.NaN;
            };
            case GAUGE -> switch (name) {
                case "value" -> value;
                case "min" -> min;
                case "max" -> max;
                default -> Double.NaN;
            };
            case RATE -> switch (name) {
                case "rate" -> passes + fails == 0 ? 0 : (double) passes / (passes + fails);
                case "passes" -> passes;
                case "fails" -> fails;
                default -> Double.NaN;
            };
            case TREND -> trendValue(name);
        };
    }

    private double trendValue(String name) {
        return switch (name) {
            case "avg" -> trend.avg();
            case "min" -> trend.min();
            case "max" -> trend.max();
            case "med" -> trend.median();
            case "count" -> trend.count();
            default -> {
                Double p = TrendStat.percentileOf(name);
                yield p == null ? Double.NaN : trend.percentile(p);
            }
        };
    }

    /** The values k6 puts in a metric's summary entry; trends report {@code trendStats}. */
    public Map<String, Double> summaryValues(List<String> trendStats, double elapsedSeconds) {
        Map<String, Double> values = new LinkedHashMap<>();
        List<String> names = switch (type) {
            case COUNTER -> List.of("count", "rate");
            case GAUGE -> List.of("value", "min", "max");
            case RATE -> List.of("rate", "passes", "fails");
            case TREND -> trendStats;
        };
        for (String n : names) values.put(n, value(n, elapsedSeconds));
        return values;
    }

    /** The smaller of two values where NaN means "none yet". */
    static double nanMin(double a, double b) {
        return Double.isNaN(a) ? b : Double.isNaN(b) ? a : Math.min(a, b);
    }

    /** The larger of two values where NaN means "none yet". */
    static double nanMax(double a, double b) {
        return Double.isNaN(a) ? b : Double.isNaN(b) ? a : Math.max(a, b);
    }
}
