package jload.engine.proto.scrape;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import jload.engine.metrics.BuiltinMetrics;
import jload.engine.metrics.Metric;
import jload.engine.metrics.MetricRegistry;
import jload.engine.metrics.MetricType;
import jload.engine.metrics.TagSet;
import jload.engine.metrics.ValueKind;
import jload.engine.plan.ScrapeOption;

/**
 * The run's own scrapes ({@code options.scrape}): each page read every {@code every} from the first iteration to the
 * last, its selected series recorded as Gauges {@code target_<name>} tagged with their labels, and the page written
 * to the snapshots folder before the first iteration and after the last. A failed scrape is counted
 * (target_scrape_errors) and the next one tried on time; the run goes on.
 */
public final class TargetScraper {
    /** A scrape gets at most this long, and never longer than its period. */
    private static final Duration MAX_TIMEOUT = Duration.ofSeconds(10);

    private final List<ScrapeOption> options;
    private final Scraper scraper;
    private final MetricRegistry registry;
    private final TagSet globalTags;
    /** (kind, message): a warning said once per kind. */
    private final BiConsumer<String, String> warnOnce;
    private final Map<String, Metric> gauges = new HashMap<>();
    private final List<Thread> loops = new ArrayList<>();
    private volatile boolean stopping;

    /** Registers the selected series' Gauges at once, so thresholds on them are checked before the run starts. */
    public TargetScraper(List<ScrapeOption> options, Supplier<ScrapeClient> client, MetricRegistry registry, BuiltinMetrics builtins,
                         TagSet globalTags, BiConsumer<String, String> warnOnce) {
        this.options = options;
        this.scraper = new Scraper(client, new ScrapeMetrics(registry, builtins));
        this.registry = registry;
        this.globalTags = globalTags;
        this.warnOnce = warnOnce;
        gauges.putAll(registerGauges(options, registry));
    }

    /** The Gauges {@code options.scrape} selects, by series name: registered once here, also for {@code jload inspect}'s threshold check. */
    public static Map<String, Metric> registerGauges(List<ScrapeOption> options, MetricRegistry registry) {
        Map<String, Metric> gauges = new HashMap<>();
        for (ScrapeOption o : options) {
            for (String name : o.select()) gauges.computeIfAbsent(name, n -> registry.registerCustom(ScrapeOption.gaugeName(n), MetricType.GAUGE, ValueKind.DEFAULT));
        }
        return gauges;
    }

    /** Before the first iteration: the "before" snapshots, then a scraping loop per page. */
    public void start() {
        for (int i = 0; i < options.size(); i++) {
            ScrapeOption o = options.get(i);
            ScrapeResult first = read(o);
            snapshot(o, i, "before", first);
            int index = i;
            loops.add(Thread.ofVirtual().name("jload-scrape-" + i).start(() -> loop(o, index)));
        }
    }

    /** After the last iteration: the loops end, one last reading of each page, the "after" snapshots. */
    public void finish() throws InterruptedException {
        stop();
        for (int i = 0; i < options.size(); i++) snapshot(options.get(i), i, "after", read(options.get(i)));
    }

    /** Ends the scraping loops (also when the run failed before {@link #finish}). Idempotent. */
    public void stop() throws InterruptedException {
        stopping = true;
        for (Thread t : loops) t.interrupt();
        for (Thread t : loops) t.join();
    }

    private void loop(ScrapeOption o, int index) {
        long next = System.nanoTime() + o.every().toNanos();
        while (!stopping) {
            try {
                long wait = next - System.nanoTime();
                if (wait > 0) Thread.sleep(Duration.ofNanos(wait));
            } catch (InterruptedException e) {
                return;
            }
            next += o.every().toNanos();
            try {
                read(o);
            } catch (jload.engine.exec.VuInterrupted e) {
                return;
            }
        }
    }

    /** One reading, its selected series recorded. */
    private ScrapeResult read(ScrapeOption o) {
        Duration timeout = o.every().compareTo(MAX_TIMEOUT) < 0 ? o.every() : MAX_TIMEOUT;
        ScrapeResult s = scraper.scrape(o.url(), Map.of(), timeout, globalTags);
        if (!s.ok() || o.select().isEmpty()) return s;
        for (String name : o.select()) {
            boolean seen = false;
            for (Series one : s.series()) {
                if (!one.name().equals(name)) continue;
                seen = true;
                TagSet tags = globalTags;
                for (var label : one.labels().entrySet()) tags = tags.with(label.getKey(), label.getValue());
                registry.add(gauges.get(name), tags, one.value());
            }
            if (!seen) warnOnce.accept("scrape-select-" + name, "options.scrape: no series '" + name + "' on " + jload.engine.proto.ws.WsUrls.redacted(o.url()));
        }
        return s;
    }

    private void snapshot(ScrapeOption o, int index, String when, ScrapeResult s) {
        if (o.snapshots() == null || !s.ok()) return;
        Path file = o.snapshots().resolve("scrape-" + index + "-" + when + ".txt");
        try {
            s.writeText(file);
        } catch (IOException e) {
            warnOnce.accept("scrape-snapshot-" + file, "options.scrape[" + index + "].snapshots: cannot write " + file + " (" + e.getMessage() + ")");
        }
    }
}
