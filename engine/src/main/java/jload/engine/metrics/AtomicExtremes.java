package jload.engine.metrics;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Exact smallest and largest values seen, updated lock-free by compare-and-set. Kept beside
 * histograms so min and max are reported exactly rather than to bucket precision.
 */
final class AtomicExtremes {
    private final AtomicLong min = new AtomicLong(Double.doubleToRawLongBits(Double.POSITIVE_INFINITY));
    private final AtomicLong max = new AtomicLong(Double.doubleToRawLongBits(Double.NEGATIVE_INFINITY));

    void accept(double value) {
        long bits = Double.doubleToRawLongBits(value);
        long seen;
        while (value < Double.longBitsToDouble(seen = min.get())) {
            if (min.compareAndSet(seen, bits)) break;
        }
        while (value > Double.longBitsToDouble(seen = max.get())) {
            if (max.compareAndSet(seen, bits)) break;
        }
    }

    /** NaN when nothing was seen. */
    double min() {
        double v = Double.longBitsToDouble(min.get());
        return v == Double.POSITIVE_INFINITY ? Double.NaN : v;
    }

    double max() {
        double v = Double.longBitsToDouble(max.get());
        return v == Double.NEGATIVE_INFINITY ? Double.NaN : v;
    }
}
