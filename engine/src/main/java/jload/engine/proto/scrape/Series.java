package jload.engine.proto.scrape;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One time series of a scrape: a metric name, its labels (sorted by name, so one series has one key) and its value.
 * {@link #key()} is how it is written and compared: {@code name{a="1",b="2"}}, or {@code name} without labels.
 */
public record Series(String name, SortedMap<String, String> labels, double value) {
    public Series {
        labels = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(labels));
    }

    public Series(String name, Map<String, String> labels, double value) {
        this(name, new TreeMap<>(labels), value);
    }

    /** {@code name{label="value",…}}, label values escaped as the exposition format escapes them. */
    public String key() {
        if (labels.isEmpty()) return name;
        StringBuilder b = new StringBuilder(name).append('{');
        labels.forEach((k, v) -> {
            if (b.charAt(b.length() - 1) != '{') b.append(',');
            b.append(k).append("=\"").append(v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n")).append('"');
        });
        return b.append('}').toString();
    }
}
