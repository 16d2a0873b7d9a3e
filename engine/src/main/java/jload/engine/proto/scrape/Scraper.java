package jload.engine.proto.scrape;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import jload.Scrape;
import jload.engine.exec.VuInterrupted;
import jload.engine.metrics.TagSet;
import jload.engine.proto.ws.WsUrls;

/**
 * One scrape from request to reading: the GET, its timing, a failure counted by kind (connect, timeout, status,
 * format), the body parsed as Prometheus text or JSON. Shared by the scripts' scrapes and the run's own.
 */
final class Scraper {
    private final Supplier<ScrapeClient> client;
    private final ScrapeMetrics metrics;

    Scraper(Supplier<ScrapeClient> client, ScrapeMetrics metrics) {
        this.client = client;
        this.metrics = metrics;
    }

    /** @param baseTags the samples' tags, to which the URL (no credentials, no query) is added */
    ScrapeResult scrape(URI uri, Map<String, String> headers, Duration timeout, TagSet baseTags) {
        String shown = WsUrls.redacted(uri);
        TagSet tags = baseTags.with("url", shown);
        long start = System.nanoTime();
        ScrapeClient.Response r;
        try {
            r = client.get().get(uri, headers, timeout).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VuInterrupted();
        } catch (ExecutionException e) {
            boolean late = e.getCause() instanceof TimeoutException;
            metrics.error(tags, late ? "timeout" : "connect");
            return ScrapeResult.failed(0, "", shown + ": " + (late ? e.getCause().getMessage() : jload.engine.proto.Failures.describe(e.getCause())));
        }
        metrics.duration(tags, (System.nanoTime() - start) / 1e6);
        if (r.status() < 200 || r.status() > 299) {
            metrics.error(tags.with("status", String.valueOf(r.status())), "status");
            return ScrapeResult.failed(r.status(), r.body(), shown + ": HTTP " + r.status());
        }
        try {
            if (r.contentType().contains("json") || MetricsSnapshot.looksLikeJson(r.body())) {
                return ScrapeResult.json(r.status(), r.body(), MetricsSnapshot.fromJson(r.body()));
            }
            return ScrapeResult.prometheus(r.status(), r.body(), PrometheusText.parse(r.body()));
        } catch (PrometheusFormatException | java.io.IOException e) {
            metrics.error(tags, "format");
            String why = e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? "not JSON: " + j.getOriginalMessage()
                    : e.getMessage() + " (Prometheus text exposition format)";
            return ScrapeResult.failed(r.status(), r.body(), shown + ": " + why);
        }
    }
}
