package jload.engine.thresholds;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A key of {@code options.thresholds}: a metric name, optionally narrowed to a sub-metric by tags,
 * as in {@code http_req_duration{status:200,scenario:"login"}}.
 *
 * <p>Accepted syntax follows k6: the braces must be the first '{' and a '}' that ends the key;
 * the tag list is split on ',' and each entry on its first ':' (so values may contain ':' but not
 * ','); blanks around names and values are dropped, then any surrounding single or double quotes.
 * Every entry needs a ':' followed by something, so {@code name{}} and a trailing comma are
 * rejected, as k6 does. Braces inside the list belong to the values, so URL templates such as
 * {@code http_req_duration{name:/api/{id}}} work as in k6. Unlike k6, blanks around the metric name are also dropped (k6 would look
 * for a metric literally named "http_req_duration ", which cannot exist) and an empty tag name is
 * refused.
 *
 * <p>Two selectors are equal when they name the same metric and the same tags, whatever the
 * spelling; {@link #key()} keeps the spelling for display.
 */
public final class MetricSelector {

    private static final String EXPECTED = "expected metric_name or metric_name{tag:value,...}";

    private final String key;
    private final String metricName;
    private final Map<String, String> tags;

    private MetricSelector(String key, String metricName, Map<String, String> tags) {
        this.key = key;
        this.metricName = metricName;
        this.tags = tags;
    }

    public static MetricSelector parse(String key) {
        Objects.requireNonNull(key, "key");
        int open = key.indexOf('{');
        int close = key.lastIndexOf('}');
        if (open < 0 && close < 0) {
            return new MetricSelector(key, metricNameOf(key, key), Map.of());
        }
        if (open < 0) {
            throw invalid(key, "it has a '}' without a matching '{'");
        }
        if (close < 0) {
            throw invalid(key, "the tag list opened with '{' is never closed with '}'");
        }
        if (close < open) {
            throw invalid(key, "the closing '}' comes before the opening '{'");
        }
        if (close != key.length() - 1) {
            throw invalid(key, "nothing may follow the closing '}'");
        }
        String name = metricNameOf(key, key.substring(0, open));
        String tagList = key.substring(open + 1, close);
        if (tagList.isBlank()) {
            throw invalid(key, "the tag list between '{' and '}' is empty");
        }
        Map<String, String> tags = new LinkedHashMap<>();
        for (String entry : tagList.split(",", -1)) {
            int colon = entry.indexOf(':');
            if (colon < 0 || colon == entry.length() - 1) {
                throw invalid(key, "the tag entry \"" + entry + "\" is not of the form tag:value");
            }
            String tagName = unquote(entry.substring(0, colon));
            if (tagName.isEmpty()) {
                throw invalid(key, "the tag entry \"" + entry + "\" has no tag name before ':'");
            }
            // A repeated tag keeps its last value, as k6's tag set does.
            tags.put(tagName, unquote(entry.substring(colon + 1)));
        }
        return new MetricSelector(key, name, Collections.unmodifiableMap(tags));
    }

    private static String metricNameOf(String key, String raw) {
        String name = raw.strip();
        if (name.isEmpty()) {
            throw invalid(key, "the metric name is missing");
        }
        if (name.indexOf('}') >= 0) {
            throw invalid(key, "the metric name contains a '}'");
        }
        return name;
    }

    private static String unquote(String raw) {
        String s = raw.strip();
        int start = 0;
        int end = s.length();
        while (start < end && isQuote(s.charAt(start))) start++;
        while (end > start && isQuote(s.charAt(end - 1))) end--;
        return s.substring(start, end);
    }

    private static boolean isQuote(char c) {
        return c == '"' || c == '\'';
    }

    private static ThresholdException invalid(String key, String reason) {
        return new ThresholdException("invalid threshold metric \"" + key + "\": " + reason + "; " + EXPECTED);
    }

    /** The key exactly as written in the script; k6 shows this in the summary. */
    public String key() {
        return key;
    }

    public String metricName() {
        return metricName;
    }

    /** Tag filters in written order; empty for a whole metric. */
    public Map<String, String> tags() {
        return tags;
    }

    public boolean isSubMetric() {
        return !tags.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MetricSelector other
                && metricName.equals(other.metricName)
                && tags.equals(other.tags);
    }

    @Override
    public int hashCode() {
        return Objects.hash(metricName, tags);
    }

    @Override
    public String toString() {
        return key;
    }
}
