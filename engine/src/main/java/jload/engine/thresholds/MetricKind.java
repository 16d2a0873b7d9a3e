package jload.engine.thresholds;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The metric types as far as thresholds care: each type only produces some aggregated values, and
 * k6 rejects a threshold that asks for one the type does not have (e.g. {@code avg} on a counter)
 * before the test starts, rather than letting it silently never match.
 */
public enum MetricKind {
    COUNTER(List.of(Aggregation.COUNT, Aggregation.RATE)),
    GAUGE(List.of(Aggregation.VALUE)),
    RATE(List.of(Aggregation.RATE)),
    TREND(List.of(Aggregation.AVG, Aggregation.MIN, Aggregation.MAX, Aggregation.MED, Aggregation.PERCENTILE));

    private final List<Aggregation> supported;

    MetricKind(List<Aggregation> supported) {
        this.supported = supported;
    }

    /** Aggregations a threshold on this kind of metric may use, in k6's order. */
    public List<Aggregation> supportedAggregations() {
        return supported;
    }

    public boolean supports(Aggregation aggregation) {
        return supported.contains(aggregation);
    }

    /** k6's lower-case type name, as it appears in k6's own messages. */
    public String k6Name() {
        return name().toLowerCase(Locale.ROOT);
    }

    String supportedAggregationsText() {
        return supported.stream().map(Aggregation::token).collect(Collectors.joining(", "));
    }
}
