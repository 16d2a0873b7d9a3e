package jload.engine.timeline;

import jload.engine.metrics.Metric;
import jload.engine.metrics.MetricType;
import jload.engine.metrics.TagSet;
import org.HdrHistogram.Histogram;

/**
 * One series of a metric over one interval. Which fields mean something depends on the metric's type:
 * a counter's {@code value} is what was added in the interval; a gauge's is its value at the interval's end (NaN: never
 * set); a rate's {@code passes} and {@code fails} are the samples of the interval; a trend's {@code histogram} holds
 * the interval's non-negative samples in recorded units ({@link jload.engine.metrics.TrendSeries#SCALE} per unit of
 * the metric: microseconds for a time trend).
 */
public record SeriesInterval(Metric metric, TagSet tags, double value, long passes, long fails, Histogram histogram) {
    public MetricType type() {
        return metric.type();
    }
}
