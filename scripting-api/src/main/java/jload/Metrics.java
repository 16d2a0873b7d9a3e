package jload;

/** Makes custom metrics. A name keeps one type for the whole run. */
public interface Metrics {
    Counter counter(String name);

    Gauge gauge(String name);

    Rate rate(String name);

    /** @param isTime whether values are milliseconds (the summary then shows units) */
    Trend trend(String name, boolean isTime);
}
