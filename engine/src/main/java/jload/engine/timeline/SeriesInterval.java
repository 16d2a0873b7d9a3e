package jload.engine.timeline;

import jload.engine.metrics.Metric;
import jload.engine.metrics.MetricType;
import jload.engine.metrics.TagSet;
import jload.engine.metrics.TrendDistribution;
import org.HdrHistogram.Histogram;

/**
 * One series of a metric over one interval. Which fields mean something depends on the metric's type:
 * a counter's {@code value} is what was added in the interval; a gauge's is its value at the interval's end (NaN: never
 * set); a rate's {@code passes} and {@code fails} are the samples of the interval; a trend's {@code histogram} holds
 * the interval's non-negative samples in recorded units ({@link jload.engine.metrics.TrendSeries#SCALE} per unit of
 * the metric: microseconds for a time trend), and {@code negatives} the magnitudes of its negative ones (a custom
 * Trend's; null when there were none, as for every built-in metric).
 */
public record SeriesInterval(Metric metric, TagSet tags, double value, long passes, long fails, Histogram histogram, Histogram negatives) {
    /** A series with no negative samples. */
    public SeriesInterval(Metric metric, TagSet tags, double value, long passes, long fails, Histogram histogram) {
        this(metric, tags, value, passes, fails, histogram, null);
    }

    public MetricType type() {
        return metric.type();
    }

    /** A trend's samples in the interval, negative ones included. */
    public TrendDistribution trend() {
        return TrendDistribution.fromHistograms(histogram, negatives);
    }
}
