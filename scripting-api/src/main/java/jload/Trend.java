package jload;

import java.util.Map;

/**
 * A distribution summarised by avg, min, med, max and percentiles (k6 {@code Trend}). A time trend
 * takes milliseconds. Kept in an HdrHistogram: exact to 3 significant digits, constant memory.
 */
public interface Trend {
    String name();

    void add(double value);

    void add(double value, Map<String, String> tags);
}
