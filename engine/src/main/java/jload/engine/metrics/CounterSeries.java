package jload.engine.metrics;

import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/** A cumulative sum (k6 Counter). Adders spread contention across cells instead of a shared lock. */
public final class CounterSeries implements Series {
    private final DoubleAdder sum = new DoubleAdder();
    private final LongAdder samples = new LongAdder();

    @Override
    public void add(double value) {
        sum.add(value);
        samples.increment();
    }

    @Override
    public SeriesSnapshot snapshot() {
        return SeriesSnapshot.counter(sum.sum(), samples.sum());
    }
}
