package jload.engine.timeline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import jload.engine.metrics.Metric;
import jload.engine.metrics.MetricRegistry;
import jload.engine.metrics.Series;
import jload.engine.metrics.SeriesSnapshot;
import jload.engine.metrics.TrendSeries;

/**
 * Cuts a run into intervals ({@code --interval}, 1 s by default) and hands each to the listeners: per series, what
 * a counter gained, a rate's passes and fails, a gauge's value, and a trend's samples as an HdrHistogram of their own
 * (taken from the series' recorder, so no sample is lost or counted twice between intervals).
 *
 * <p>Runs on one platform thread of its own, not on the VUs' carriers: it reads at most once per interval, and its
 * work is proportional to the number of series, not of samples. Invariant: intervals are contiguous, each ending when
 * it was cut (a stall of jload's makes one longer); {@link #close()} hands over the last, partial one, so the
 * intervals' samples add up to the run's.
 */
public final class IntervalSampler implements AutoCloseable {
    private final MetricRegistry registry;
    private final Duration every;
    private final List<TimelineListener> listeners;
    private final Consumer<String> warn;
    private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "jload-intervals");
        t.setDaemon(true);
        return t;
    });
    /** Per series, the counter's sum or the rate's passes and total at the last cut; the sampler's thread only. */
    private final Map<Series, double[]> lastTotals = new IdentityHashMap<>();
    private long lastCutMillis;
    private boolean closed;
    private final java.util.Set<String> failedListeners = new java.util.HashSet<>();

    private IntervalSampler(MetricRegistry registry, Duration every, List<TimelineListener> listeners, Consumer<String> warn) {
        this.registry = registry;
        this.every = every;
        this.listeners = List.copyOf(listeners);
        this.warn = warn;
    }

    /** Starts cutting now: the first interval begins at this call. */
    public static IntervalSampler start(MetricRegistry registry, Duration every, List<TimelineListener> listeners, Consumer<String> warn) {
        if (every.toMillis() < 100) throw new IllegalArgumentException("an interval must be at least 100 ms, got " + every.toMillis() + " ms");
        IntervalSampler sampler = new IntervalSampler(registry, every, listeners, warn);
        synchronized (sampler) {
            // What was recorded before (init code) falls in the first interval: the intervals add up to the summary.
            sampler.lastCutMillis = System.currentTimeMillis();
        }
        long ms = every.toMillis();
        // A fixed delay, and each interval ends when it is cut: after a stall of jload's, one interval is longer (and
        // says so), rather than missed ticks being run back to back into near-empty intervals.
        sampler.clock.scheduleWithFixedDelay(sampler::tick, ms, ms, TimeUnit.MILLISECONDS);
        return sampler;
    }

    private synchronized void tick() {
        if (closed) return;
        try {
            cut(System.currentTimeMillis());
        } catch (RuntimeException e) { // a thrown task would silently end every later tick
            if (failedListeners.add("cut")) warn.accept("an interval could not be cut, the interval outputs may be incomplete: " + e);
        }
    }

    /** Takes every series' part since the last cut, as the interval ending at {@code endMillis}. */
    private void cut(long endMillis) {
        List<SeriesInterval> parts = new ArrayList<>();
        for (Metric m : registry.all()) {
            m.forEachSeries((tags, series) -> parts.add(part(m, tags, series)));
        }
        Interval interval = new Interval(lastCutMillis, endMillis, List.copyOf(parts));
        lastCutMillis = endMillis;
        for (TimelineListener l : listeners) {
            try {
                l.onInterval(interval);
            } catch (RuntimeException e) {
                if (failedListeners.add(l.getClass().getSimpleName())) {
                    warn.accept("an interval output failed and may be incomplete: " + l.getClass().getSimpleName() + ": " + e.getMessage());
                }
            }
        }
    }

    private SeriesInterval part(Metric m, jload.engine.metrics.TagSet tags, Series series) {
        return switch (m.type()) {
            case TREND -> {
                TrendSeries.IntervalSamples drained = ((TrendSeries) series).drainInterval();
                yield new SeriesInterval(m, tags, Double.NaN, 0, 0, drained.values(), drained.negatives());
            }
            case GAUGE -> new SeriesInterval(m, tags, series.snapshot().value(), 0, 0, null);
            case COUNTER -> {
                double sum = series.snapshot().sum();
                double[] last = lastTotals.computeIfAbsent(series, s -> new double[1]);
                double gained = sum - last[0];
                last[0] = sum;
                yield new SeriesInterval(m, tags, gained, 0, 0, null);
            }
            case RATE -> {
                SeriesSnapshot s = series.snapshot();
                double[] last = lastTotals.computeIfAbsent(series, x -> new double[2]);
                long passes = s.passes() - (long) last[0];
                long fails = s.fails() - (long) last[1];
                last[0] = s.passes();
                last[1] = s.fails();
                yield new SeriesInterval(m, tags, Double.NaN, passes, fails, null);
            }
        };
    }

    /** Stops the clock and hands over the last interval, up to now (shorter than the others, unless empty). */
    @Override
    public void close() {
        // Not shutdownNow: an interrupt would close the interruptible file channels of an output writing this interval.
        clock.shutdown();
        try {
            clock.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            if (closed) return;
            closed = true;
            long now = System.currentTimeMillis();
            cut(Math.max(now, lastCutMillis));
        }
    }
}
