package jload.engine.proto.scrape;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import jload.Scrape;
import jload.TargetMetrics;
import jload.engine.metrics.BuiltinMetrics;
import jload.engine.metrics.MetricRegistry;
import jload.engine.metrics.TagSet;
import jload.engine.proto.ws.WsUrls;
import jload.engine.script.ScriptDurations;

/**
 * One VU's scrapes of the target's metrics. A scrape that fails (no answer, an HTTP error, a body in neither format)
 * is counted in target_scrape_errors{kind: connect, timeout, status, format} and returned as a failed reading: the
 * run goes on. Bad arguments are the script's mistake and throw. Used only by the VU's thread.
 */
public final class VuScrapes implements TargetMetrics {
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    private static final Set<String> NAMES = Set.of("timeout", "headers");

    private final Scraper scraper;
    private final Supplier<TagSet> vuTags;

    public VuScrapes(Supplier<ScrapeClient> client, MetricRegistry registry, BuiltinMetrics builtins, Supplier<TagSet> vuTags) {
        this.scraper = new Scraper(client, new ScrapeMetrics(registry, builtins));
        this.vuTags = vuTags;
    }

    @Override
    public Scrape scrape(String url, Map<String, ?> options) {
        return read(url, options);
    }

    private ScrapeResult read(String url, Map<String, ?> options) {
        for (String key : options.keySet()) {
            if (!NAMES.contains(key)) throw new IllegalArgumentException("scrape: unknown option '" + key + "'; expected timeout or headers");
        }
        URI uri = parse(url);
        Duration timeout = ScriptDurations.of(options.get("timeout"), DEFAULT_TIMEOUT, "scrape timeout");
        Map<String, String> headers = new LinkedHashMap<>();
        if (options.get("headers") instanceof Map<?, ?> h) h.forEach((k, v) -> headers.put(String.valueOf(k), String.valueOf(v)));
        else if (options.get("headers") != null) throw new IllegalArgumentException("scrape headers: expected an object, not " + options.get("headers"));

        return scraper.scrape(uri, headers, timeout, vuTags.get());
    }

    @Override
    public Scrape snapshot(String url, String file, Map<String, ?> options) {
        ScrapeResult s = read(url, options);
        if (!s.ok()) return s;
        try {
            s.writeText(java.nio.file.Path.of(file));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("snapshot: cannot write " + file + " (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
        }
        return s;
    }

    private static URI parse(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("scrape: '" + WsUrls.asWritten(url) + "' is not a URL: " + e.getReason());
        }
        if (!jload.engine.plan.ScrapeOption.isScrapeUrl(uri)) {
            throw new IllegalArgumentException("scrape: '" + WsUrls.asWritten(url) + "': expected an http:// or https:// URL with a host");
        }
        return uri;
    }
}
