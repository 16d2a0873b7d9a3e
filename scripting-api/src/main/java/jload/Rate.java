package jload;

import java.util.Map;

/** The share of samples that were true (k6 {@code Rate}). */
public interface Rate {
    String name();

    void add(boolean value);

    void add(boolean value, Map<String, String> tags);
}
