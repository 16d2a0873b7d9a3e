package jload.engine.metrics;

import java.util.concurrent.atomic.AtomicLong;

/** The last value set, with the smallest and largest ever set (k6 Gauge). */
public final class GaugeSeries implements Series {
    private static final long NO_VALUE = Double.doubleToRawLongBits(Double.NaN);
    private final AtomicLong last = new AtomicLong(NO_VALUE);
    /** When the last value was set, so several series of one gauge can tell which value is latest. */
    private volatile long lastNanos;
    private final AtomicExtremes extremes = new AtomicExtremes();

    @Override
    public void add(double value) {
        last.set(Double.doubleToRawLongBits(value));
        lastNanos = System.nanoTime();
        extremes.accept(value);
    }

    @Override
    public SeriesSnapshot snapshot() {
        return SeriesSnapshot.gauge(Double.longBitsToDouble(last.get()), extremes.min(), extremes.max(), lastNanos);
    }
}
