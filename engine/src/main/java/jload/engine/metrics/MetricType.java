package jload.engine.metrics;

/** The four kinds of metric k6 has; the lower-case name is what k6 prints and exports. */
public enum MetricType {
    COUNTER, GAUGE, RATE, TREND;

    public String k6Name() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
