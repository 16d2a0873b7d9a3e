package jload.engine.thresholds;

import java.util.List;
import java.util.Objects;

/** All thresholds declared under one key of {@code options.thresholds}, in written order. */
public record MetricThresholds(MetricSelector selector, List<Threshold> thresholds) {

    public MetricThresholds {
        Objects.requireNonNull(selector, "selector");
        thresholds = List.copyOf(thresholds);
    }

    /**
     * Checks every expression against the type of the metric the selector names (sub-metrics have
     * their parent's type); throws at the first aggregation the type cannot produce.
     */
    public void validateFor(MetricKind kind) {
        for (Threshold threshold : thresholds) {
            threshold.expression().validateFor(kind, selector.key());
        }
    }
}
