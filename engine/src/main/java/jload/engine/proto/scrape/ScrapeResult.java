package jload.engine.proto.scrape;

import java.util.List;
import java.util.Map;
import jload.Scrape;

/** A scrape as a script sees it: the parsed series (Prometheus) or the snapshot's paths (JSON), or why there are none. */
final class ScrapeResult implements Scrape {
    private final int status;
    private final String text;
    private final String error;
    /** Prometheus series with their labels; empty for a JSON body. */
    private final List<Series> series;
    private final Map<String, Double> values;

    private ScrapeResult(int status, String text, String error, List<Series> series, Map<String, Double> values) {
        this.status = status;
        this.text = text;
        this.error = error;
        this.series = series;
        this.values = values;
    }

    static ScrapeResult failed(int status, String text, String error) {
        return new ScrapeResult(status, text, error, List.of(), Map.of());
    }

    static ScrapeResult prometheus(int status, String text, PrometheusText parsed) {
        Map<String, Double> values = new java.util.LinkedHashMap<>();
        for (Series s : parsed.series()) values.put(s.key(), s.value());
        return new ScrapeResult(status, text, null, parsed.series(), java.util.Collections.unmodifiableMap(values));
    }

    static ScrapeResult json(int status, String text, MetricsSnapshot snapshot) {
        return new ScrapeResult(status, text, null, List.of(), snapshot.values());
    }

    /** Writes the body as it came to {@code file}, making its folders. */
    void writeText(java.nio.file.Path file) throws java.io.IOException {
        java.nio.file.Path folder = file.toAbsolutePath().getParent();
        if (folder != null) java.nio.file.Files.createDirectories(folder);
        java.nio.file.Files.writeString(file, text);
    }

    /** The Prometheus series, labels and all; empty for a JSON body or a failed scrape. */
    List<Series> series() {
        return series;
    }

    @Override
    public boolean ok() {
        return error == null;
    }

    @Override
    public String error() {
        return error;
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public String text() {
        return text;
    }

    @Override
    public Map<String, Double> values() {
        return values;
    }

    @Override
    public double value(String name, Map<String, String> labels) {
        if (series.isEmpty()) {
            Double v = labels.isEmpty() ? values.get(name) : null;
            return v == null ? Double.NaN : v;
        }
        double sum = 0;
        boolean found = false;
        for (Series s : series) {
            if (s.name().equals(name) && s.labels().entrySet().containsAll(labels.entrySet())) {
                sum += s.value();
                found = true;
            }
        }
        return found ? sum : Double.NaN;
    }
}
