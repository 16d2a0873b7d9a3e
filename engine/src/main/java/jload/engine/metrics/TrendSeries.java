package jload.engine.metrics;

import java.util.concurrent.atomic.DoubleAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * A distribution (k6 Trend) kept in HdrHistograms at 3 significant digits: constant memory in the
 * number of samples, mergeable losslessly across series and processes. No raw samples are kept.
 *
 * <p>Values are recorded as whole thousandths of the trend's unit ({@link #SCALE}): microseconds
 * for time trends, which take milliseconds. Precision is therefore 3 significant digits or 0.001,
 * whichever is coarser. Every histogram is a plain array, about 8 KB per power of two of value
 * range it has seen: a recorder twice (active and inactive), the accumulation once. Not packed:
 * HdrHistogram 2.2.2's packed concurrent histogram deadlocks when several writers make it grow at
 * once (reproduced here with 8 threads), and a packed accumulation, folded into once a second,
 * is code so rarely run that the JIT was still compiling it minutes into a run, on the cores the
 * event loops need (bench/README.md, session 3).
 *
 * <p>Writers record into {@link Recorder}s, wait-free and allocation-free once the value range
 * has been seen. Negative values (possible in custom trends) go to a second histogram of
 * magnitudes, created the first time one arrives. Exact min, max and sum are kept beside the
 * histograms, so those three statistics carry no bucket error at all.
 */
public final class TrendSeries implements Series {
    static final int SIGNIFICANT_DIGITS = 3;
    /** Recorded units per unit of the trend's values. */
    public static final double SCALE = 1000;

    private final Recorder positives = newRecorder();
    private volatile Recorder negatives;
    private final DoubleAdder sum = new DoubleAdder();
    private final AtomicExtremes extremes = new AtomicExtremes();

    // Reader side: everything recorded so far, folded in from the recorders' interval histograms.
    private final Histogram positivesSoFar = newHistogram();
    private Histogram negativesSoFar; // with the first negative value
    private Histogram recycledPositives;
    private Histogram recycledNegatives;

    /**
     * A series' samples over one interval: the non-negative values, and the magnitudes of the negative ones (null when
     * there were none) — a histogram log cannot hold a negative value, so they are kept apart.
     */
    public record IntervalSamples(Histogram values, Histogram negatives) { }

    /** The last snapshot, handed out again while nothing new was recorded (thresholds read every second). */
    private SeriesSnapshot lastSnapshot;

    /** What was recorded since the last {@link #drainInterval}: created by the first call, so runs without intervals pay nothing. */
    private Histogram sinceLastInterval;
    /** The same for negative values, from the first one after intervals began. */
    private Histogram negativesSinceLastInterval;

    /** Auto-resizing, plain: see the class comment. */
    static Histogram newHistogram() {
        return new Histogram(SIGNIFICANT_DIGITS);
    }

    /** An independent copy (snapshots must not change when the series does); empty for null. */
    static Histogram readCopy(Histogram h) {
        Histogram copy = newHistogram();
        if (h != null && h.getTotalCount() > 0) copy.add(h);
        return copy;
    }

    private static Recorder newRecorder() {
        return new Recorder(SIGNIFICANT_DIGITS);
    }

    @Override
    public void add(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) return;
        long scaled = Math.round(Math.abs(value) * SCALE);
        if (value >= 0) {
            positives.recordValue(scaled);
        } else {
            negativesRecorder().recordValue(scaled);
        }
        sum.add(value);
        extremes.accept(value);
    }

    private Recorder negativesRecorder() {
        Recorder r = negatives;
        if (r == null) {
            synchronized (this) {
                if ((r = negatives) == null) negatives = r = newRecorder();
            }
        }
        return r;
    }

    /** Moves what the recorders took since the last fold into the totals (and the open interval); how many values that was. */
    private long fold() {
        recycledPositives = positives.getIntervalHistogram(recycledPositives);
        long fresh = recycledPositives.getTotalCount();
        positivesSoFar.add(recycledPositives);
        if (sinceLastInterval != null) sinceLastInterval.add(recycledPositives);
        Recorder neg = negatives;
        if (neg != null) {
            recycledNegatives = neg.getIntervalHistogram(recycledNegatives);
            fresh += recycledNegatives.getTotalCount();
            if (negativesSoFar == null) negativesSoFar = newHistogram();
            negativesSoFar.add(recycledNegatives);
            if (sinceLastInterval != null && recycledNegatives.getTotalCount() > 0) {
                if (negativesSinceLastInterval == null) negativesSinceLastInterval = newHistogram();
                negativesSinceLastInterval.add(recycledNegatives);
            }
        }
        return fresh;
    }

    /**
     * The values recorded since the previous call (the first call: since the series began), as new histograms in
     * recorded units ({@link #SCALE} per unit of the trend).
     */
    public synchronized IntervalSamples drainInterval() {
        if (sinceLastInterval == null) {
            sinceLastInterval = newHistogram();
            fold();
            Histogram all = readCopy(positivesSoFar);
            Histogram allNegatives = negativesSoFar == null || negativesSoFar.getTotalCount() == 0 ? null : readCopy(negativesSoFar);
            sinceLastInterval.reset();
            if (negativesSinceLastInterval != null) negativesSinceLastInterval.reset();
            return new IntervalSamples(all, allNegatives);
        }
        fold();
        Histogram interval = readCopy(sinceLastInterval);
        sinceLastInterval.reset();
        Histogram negatives = null;
        if (negativesSinceLastInterval != null && negativesSinceLastInterval.getTotalCount() > 0) {
            negatives = readCopy(negativesSinceLastInterval);
            negativesSinceLastInterval.reset();
        }
        return new IntervalSamples(interval, negatives);
    }

    @Override
    public synchronized SeriesSnapshot snapshot() {
        long fresh = fold();
        double total = sum.sum();
        double min = extremes.min();
        double max = extremes.max();
        SeriesSnapshot last = lastSnapshot;
        if (fresh == 0 && last != null && sameValue(total, last.trend().sum())
                && sameValue(min, last.trend().min()) && sameValue(max, last.trend().max())) {
            return last; // snapshots are read-only, so the same one can be shared
        }
        return lastSnapshot = SeriesSnapshot.trend(new TrendDistribution(
                readCopy(positivesSoFar), readCopy(negativesSoFar), total, min, max));
    }

    private static boolean sameValue(double a, double b) {
        return Double.compare(a, b) == 0;
    }
}
