package jload.engine.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Trend statistics against the exact values computed from the raw samples the way k6 does:
 * min, max and avg exact; percentiles within the histogram's precision.
 */
class TrendSeriesTest {
    /** 3 significant digits: a value's bucket is at most 1/1024 of it wide, so its median is within half that. */
    private static final double RELATIVE_PRECISION = 1.0 / 1024;

    /** k6's percentile: linear interpolation at rank (n - 1) * p / 100 of the sorted samples. */
    private static double k6Percentile(double[] sorted, double p) {
        double pos = (sorted.length - 1) * p / 100;
        int lo = (int) Math.floor(pos), hi = (int) Math.ceil(pos);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    private static void assertClose(double expected, double actual, String what) {
        double tolerance = Math.abs(expected) * RELATIVE_PRECISION + 0.001;
        assertEquals(expected, actual, tolerance, what);
    }

    @Test
    void percentilesMatchK6sDefinitionOnLongTailedLatencies() {
        Random random = new Random(42);
        double[] samples = new double[50_000];
        TrendSeries series = new TrendSeries();
        for (int i = 0; i < samples.length; i++) {
            // log-normal: most around 5 ms, a long tail into seconds
            samples[i] = Math.exp(1.6 + random.nextGaussian() * 1.1);
            series.add(samples[i]);
        }
        double[] sorted = samples.clone();
        Arrays.sort(sorted);
        TrendDistribution d = series.snapshot().trend();
        assertEquals(samples.length, d.count());
        assertEquals(sorted[0], d.min(), "min is exact");
        assertEquals(sorted[sorted.length - 1], d.max(), "max is exact");
        assertEquals(Arrays.stream(samples).average().orElseThrow(), d.avg(), 1e-9, "avg is exact");
        for (double p : new double[] {1, 10, 50, 90, 95, 99, 99.9, 99.99}) {
            assertClose(k6Percentile(sorted, p), d.percentile(p), "p(" + p + ")");
        }
    }

    @Test
    void smallSampleSetsInterpolateLikeK6() {
        TrendSeries series = new TrendSeries();
        for (double v : new double[] {10, 20}) series.add(v);
        TrendDistribution d = series.snapshot().trend();
        assertEquals(15, d.median(), 15 * RELATIVE_PRECISION, "k6's median of 10 and 20 is 15");
        assertEquals(10, d.percentile(0));
        assertEquals(20, d.percentile(100));
    }

    @Test
    void negativeAndZeroValuesKeepTheirOrder() {
        TrendSeries series = new TrendSeries();
        double[] values = {-50, -10, 0, 0, 5, 40};
        for (double v : values) series.add(v);
        TrendDistribution d = series.snapshot().trend();
        assertEquals(-50, d.min());
        assertEquals(40, d.max());
        assertEquals(-15.0 / 6, d.avg(), 1e-12);
        for (double p : new double[] {10, 30, 50, 70, 90}) assertClose(k6Percentile(values, p), d.percentile(p), "p(" + p + ")");
    }

    @Test
    void snapshotsAccumulateAndMergeLosslessly() {
        TrendSeries a = new TrendSeries();
        TrendSeries b = new TrendSeries();
        double[] all = new double[2000];
        for (int i = 0; i < 1000; i++) {
            all[i] = i + 1;
            a.add(i + 1);
        }
        a.snapshot(); // a snapshot in the middle must not lose or double count anything
        for (int i = 1000; i < 2000; i++) {
            all[i] = i + 1;
            b.add(i + 1);
        }
        SeriesSnapshot merged = SeriesSnapshot.merge(MetricType.TREND, List.of(a.snapshot(), b.snapshot()));
        TrendDistribution d = merged.trend();
        assertEquals(2000, d.count());
        assertEquals(1, d.min());
        assertEquals(2000, d.max());
        assertEquals(1000.5, d.avg(), 1e-9);
        assertClose(k6Percentile(all, 95), d.percentile(95), "p(95) of the merge");
    }

    @Test
    void timeTrendsResolveMicroseconds() {
        TrendSeries series = new TrendSeries();
        series.add(0.001); // 1 µs in milliseconds
        series.add(0.002);
        series.add(0.003);
        TrendDistribution d = series.snapshot().trend();
        assertEquals(0.002, d.median(), 1e-9);
    }

    @Test
    void anEmptyTrendHasNoValues() {
        TrendDistribution d = new TrendSeries().snapshot().trend();
        assertEquals(0, d.count());
        assertTrue(Double.isNaN(d.percentile(95)));
        assertTrue(Double.isNaN(d.avg()));
    }
}
