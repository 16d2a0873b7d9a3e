package jload;

import java.util.Map;

/**
 * One reading of a target's metrics endpoint ({@link TargetMetrics#scrape}): Prometheus text (a {@code /metrics} page)
 * or JSON. A failed reading (no answer, an HTTP error, a body in neither format) has {@link #ok()} false and says why.
 */
public interface Scrape {
    /** A 2xx answer whose body parsed. */
    boolean ok();

    /** Why the reading failed; null when it did not. */
    String error();

    /** The HTTP status; 0 when no answer came. */
    int status();

    /** The body as it came; "" when none. */
    String text();

    /**
     * Every series and its value: Prometheus series as {@code name{label="v",…}} (labels sorted), JSON numbers by their
     * path ({@code connections.total}, array elements as {@code [i]}).
     */
    Map<String, Double> values();

    /**
     * The sum of every series named {@code name} whose labels include {@code labels} (a JSON path, with no labels, for a
     * JSON body); NaN when there is none. {@code value('sandbox_connections')} adds up every endpoint's,
     * {@code value('sandbox_connections', [endpoint: 'echo'])} is one of them.
     */
    double value(String name, Map<String, String> labels);

    default double value(String name) {
        return value(name, Map.of());
    }
}
