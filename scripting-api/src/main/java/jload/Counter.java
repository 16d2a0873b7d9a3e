package jload;

import java.util.Map;

/** A cumulative sum, shown with its rate per second (k6 {@code Counter}). */
public interface Counter {
    String name();

    void add(double value);

    void add(double value, Map<String, String> tags);
}
