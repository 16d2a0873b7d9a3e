package jload.engine.proto.scrape;

import jload.engine.metrics.BuiltinMetrics;
import jload.engine.metrics.MetricRegistry;
import jload.engine.metrics.TagSet;

/** The target_scrape_* samples of one VU's scrapes. Thread-safe. */
final class ScrapeMetrics {
    private final MetricRegistry registry;
    private final BuiltinMetrics m;

    ScrapeMetrics(MetricRegistry registry, BuiltinMetrics builtins) {
        this.registry = registry;
        this.m = builtins;
    }

    void duration(TagSet tags, double millis) {
        registry.add(m.targetScrapeDuration, tags, millis);
    }

    void error(TagSet tags, String kind) {
        registry.add(m.targetScrapeErrors, tags.with("kind", kind), 1);
    }
}
