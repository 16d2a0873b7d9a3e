package jload.engine.thresholds;

import java.util.Map;
import java.util.OptionalDouble;

/**
 * The engine's current aggregates for one selector, looked up by
 * {@link ThresholdExpression#aggregationKey()} ({@code count}, {@code rate}, {@code value},
 * {@code avg}, {@code min}, {@code max}, {@code med}, {@code p(95)}, {@code p(99.9)}, ...).
 *
 * <p>What to supply for a metric without samples, to behave like k6 (its sinks start at zero):
 * counters give count 0 and rate 0, gauges value 0, trends 0 for avg/min/max/med and every
 * percentile; a rate metric gives <em>no</em> {@code rate} (k6 skips the 0/0 division, logs a
 * "Threshold error" and leaves the test result alone). A missing value is therefore never a
 * failure, see {@link ThresholdEvaluator}.
 */
public interface MetricValues {

    OptionalDouble value(String aggregationKey);

    /**
     * Whether any sample reached this metric or sub-metric yet. k6 skips metrics without samples
     * in its periodic evaluation during the run (so they can never abort it) but does evaluate
     * them at the end of the test.
     */
    default boolean hasSamples() {
        return true;
    }

    /** Fixed values, for tests and simple callers; {@code hasSamples} is true. */
    static MetricValues of(Map<String, Double> values) {
        Map<String, Double> copy = Map.copyOf(values);
        return key -> {
            Double v = copy.get(key);
            return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
        };
    }

    /** A metric that has seen no samples and offers no values. */
    static MetricValues empty() {
        return new MetricValues() {
            @Override
            public OptionalDouble value(String aggregationKey) {
                return OptionalDouble.empty();
            }

            @Override
            public boolean hasSamples() {
                return false;
            }
        };
    }
}
