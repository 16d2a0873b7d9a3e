package jload.engine.metrics;

import java.util.concurrent.atomic.LongAdder;

/** The share of non-zero samples (k6 Rate): a check passing, a request failing. */
public final class RateSeries implements Series {
    private final LongAdder passes = new LongAdder();
    private final LongAdder total = new LongAdder();

    @Override
    public void add(double value) {
        if (value != 0) passes.increment();
        total.increment();
    }

    @Override
    public SeriesSnapshot snapshot() {
        long all = total.sum();
        long yes = passes.sum();
        return SeriesSnapshot.rate(yes, all - yes);
    }
}
