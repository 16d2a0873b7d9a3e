package jload.engine.metrics;

/** What a metric's numbers mean (k6's "contains"): it decides units in the summary. Times are milliseconds. */
public enum ValueKind {
    DEFAULT, TIME, DATA;

    public String k6Name() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
