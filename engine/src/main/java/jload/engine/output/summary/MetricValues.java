package jload.engine.output.summary;

import java.util.List;

/** k6's {@code humanizeValue}/{@code nonTrendMetricValueForSum}: how a metric's numbers become text. */
final class MetricValues {
    private MetricValues() {}

    static String humanize(double val, SummaryMetric metric, String timeUnit) {
        if ("rate".equals(metric.type())) {
            // k6 truncates rates so 99.999% never shows as 100.00%.
            return JsNumbers.toFixed(JsNumbers.trunc(val * 100 * 100) / 100, 2) + "%";
        }
        return switch (metric.contains()) {
            case "data" -> DataSizes.humanize(val);
            case "time" -> Durations.humanize(val, timeUnit);
            default -> JsNumbers.toFixedNoTrailingZeros(val, 6);
        };
    }

    /** The trend column text for one stat; {@code count} is a plain number, never a duration. */
    static String trendStat(SummaryMetric metric, String stat, String timeUnit) {
        double v = metric.value(stat);
        return "count".equals(stat) ? JsNumbers.toJsString(v) : humanize(v, metric, timeUnit);
    }

    /** Main value first, then the "extras" columns (rate per second, min/max, "N out of M"). */
    static List<String> nonTrend(SummaryMetric metric, String timeUnit) {
        return switch (metric.type()) {
            case "counter" -> List.of(
                    humanize(metric.value("count"), metric, timeUnit),
                    humanize(metric.value("rate"), metric, timeUnit) + "/s");
            case "gauge" -> List.of(
                    humanize(metric.value("value"), metric, timeUnit),
                    "min=" + humanize(metric.value("min"), metric, timeUnit),
                    "max=" + humanize(metric.value("max"), metric, timeUnit));
            case "rate" -> List.of(
                    humanize(metric.value("rate"), metric, timeUnit),
                    JsNumbers.toJsString(metric.value("passes")) + " out of "
                            + JsNumbers.toJsString(metric.value("passes") + metric.value("fails")));
            default -> List.of("[no data]");
        };
    }
}
