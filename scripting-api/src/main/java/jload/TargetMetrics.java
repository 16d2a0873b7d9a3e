package jload;

import java.util.Map;

/** Reads the target's own metrics (its Prometheus {@code /metrics} page, or a JSON one), so a script can judge the server side too. */
public interface TargetMetrics {
    /**
     * GETs {@code url} and parses the body. Options: {@code timeout} ({@code '5s'} or milliseconds; 10 s when not told),
     * {@code headers} (a map). Records {@code target_scrape_duration}; a failure is counted in
     * {@code target_scrape_errors{kind}} and returned as a {@link Scrape} whose {@code ok()} is false — it never throws.
     */
    Scrape scrape(String url, Map<String, ?> options);

    default Scrape scrape(String url) {
        return scrape(url, Map.of());
    }

    /**
     * {@link #scrape} and, when it succeeded, writes the body as it came to {@code file} (folders made as needed), for
     * {@code jload diff BEFORE AFTER}. A failed scrape writes nothing. A file that cannot be written throws.
     */
    Scrape snapshot(String url, String file, Map<String, ?> options);

    default Scrape snapshot(String url, String file) {
        return snapshot(url, file, Map.of());
    }

    /** Groovy's named arguments: {@code targetMetrics.scrape(url, timeout: '2s')}. */
    default Scrape scrape(Map<String, ?> options, String url) {
        return scrape(url, options);
    }
}
