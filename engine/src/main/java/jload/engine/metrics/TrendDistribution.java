package jload.engine.metrics;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * A read-only copy of a Trend's samples: histograms of the non-negative values and of the
 * magnitudes of the negative ones, plus exact sum, min and max.
 *
 * <p>Percentiles follow k6's definition — linear interpolation between the two samples whose ranks
 * straddle {@code (n - 1) * p / 100} — so small runs give the numbers k6 gives. Each ranked sample
 * is read from the histogram as its bucket's median value, clamped to the exact min and max, so a
 * percentile is exact to the histogram's precision (3 significant digits).
 */
public final class TrendDistribution {
    private final Histogram positives;
    private final Histogram negatives;
    private final double sum;
    private final double min;
    private final double max;

    TrendDistribution(Histogram positives, Histogram negatives, double sum, double min, double max) {
        this.positives = positives;
        this.negatives = negatives;
        this.sum = sum;
        this.min = min;
        this.max = max;
    }

    /**
     * A distribution read back from a histogram of recorded units (an interval's, a log's): min, max and sum are the
     * histogram's, so exact to its precision only.
     */
    public static TrendDistribution fromHistogram(Histogram recorded) {
        return fromHistograms(recorded, null);
    }

    /**
     * As {@link #fromHistogram}, with the magnitudes of the negative samples beside the non-negative ones
     * ({@code negatives} null or empty: none).
     */
    public static TrendDistribution fromHistograms(Histogram positives, Histogram negatives) {
        boolean anyNegative = negatives != null && negatives.getTotalCount() > 0;
        if (!anyNegative) {
            if (positives.getTotalCount() == 0) return empty();
            return new TrendDistribution(positives, TrendSeries.newHistogram(), positives.getMean() * positives.getTotalCount() / TrendSeries.SCALE,
                    positives.getMinValue() / TrendSeries.SCALE, positives.getMaxValue() / TrendSeries.SCALE);
        }
        double sum = (positives.getMean() * positives.getTotalCount() - negatives.getMean() * negatives.getTotalCount()) / TrendSeries.SCALE;
        double min = -negatives.getMaxValue() / TrendSeries.SCALE;
        double max = positives.getTotalCount() > 0 ? positives.getMaxValue() / TrendSeries.SCALE : -negatives.getMinValue() / TrendSeries.SCALE;
        return new TrendDistribution(positives, negatives, sum, min, max);
    }

    static TrendDistribution empty() {
        return new TrendDistribution(TrendSeries.newHistogram(), TrendSeries.newHistogram(), 0, Double.NaN, Double.NaN);
    }

    public long count() {
        return positives.getTotalCount() + negatives.getTotalCount();
    }

    public double sum() {
        return sum;
    }

    /** NaN when empty. */
    public double min() {
        return min;
    }

    /** NaN when empty. */
    public double max() {
        return max;
    }

    public double avg() {
        long n = count();
        return n == 0 ? Double.NaN : sum / n;
    }

    public double median() {
        return percentile(50);
    }

    /** k6's percentile of the samples, {@code p} in [0, 100]; NaN when empty. */
    public double percentile(double p) {
        long n = count();
        if (n == 0) return Double.NaN;
        double position = (n - 1) * Math.max(0, Math.min(100, p)) / 100.0;
        long lower = (long) Math.floor(position);
        long upper = (long) Math.ceil(position);
        double lowerValue = valueAtRank(lower);
        if (upper == lower) return lowerValue;
        double upperValue = valueAtRank(upper);
        return lowerValue + (position - lower) * (upperValue - lowerValue);
    }

    /** The value of the sample at 0-based {@code rank} in ascending order. */
    private double valueAtRank(long rank) {
        long n = count();
        if (rank <= 0) return min;
        if (rank >= n - 1) return max;
        long negativeCount = negatives.getTotalCount();
        double value = rank < negativeCount
                // ascending order of negatives is descending order of their magnitudes
                ? -valueAtRank(negatives, negativeCount - 1 - rank)
                : valueAtRank(positives, rank - negativeCount);
        return Math.max(min, Math.min(max, value));
    }

    private static double valueAtRank(Histogram histogram, long rank) {
        long seen = 0;
        for (HistogramIterationValue v : histogram.recordedValues()) {
            seen += v.getCountAtValueIteratedTo();
            if (seen > rank) return histogram.medianEquivalentValue(v.getValueIteratedTo()) / TrendSeries.SCALE;
        }
        return histogram.getMaxValue() / TrendSeries.SCALE;
    }

    /** The union of several distributions, in one pass: histograms merge losslessly. */
    static TrendDistribution merge(java.util.List<TrendDistribution> parts) {
        if (parts.isEmpty()) return empty();
        if (parts.size() == 1) return parts.getFirst();
        Histogram pos = TrendSeries.newHistogram();
        Histogram neg = TrendSeries.newHistogram();
        double sum = 0;
        double min = Double.NaN;
        double max = Double.NaN;
        for (TrendDistribution d : parts) {
            if (d.positives.getTotalCount() > 0) pos.add(d.positives);
            if (d.negatives.getTotalCount() > 0) neg.add(d.negatives);
            sum += d.sum;
            min = SeriesSnapshot.nanMin(min, d.min);
            max = SeriesSnapshot.nanMax(max, d.max);
        }
        return new TrendDistribution(pos, neg, sum, min, max);
    }
}
