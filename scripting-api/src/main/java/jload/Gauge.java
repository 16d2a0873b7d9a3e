package jload;

import java.util.Map;

/** The latest value, with the smallest and largest ever set (k6 {@code Gauge}). */
public interface Gauge {
    String name();

    void add(double value);

    void add(double value, Map<String, String> tags);
}
