package jload.engine.plan;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One entry of {@code options.scrape}: a metrics page read every {@code every} during the run. The series named in
 * {@code select} become Gauges {@code target_<name>} tagged with their labels; when {@code snapshots} names a folder,
 * the page is written there before the first iteration and after the last ({@code scrape-<i>-before.txt}, {@code -after.txt}).
 */
public record ScrapeOption(URI url, Duration every, List<String> select, Path snapshots) {
    public static final Duration DEFAULT_EVERY = Duration.ofSeconds(5);

    /** The Gauge a selected series goes to: {@code target_} and its name (a ':' of recording rules as '_'). */
    public static String gaugeName(String series) {
        return "target_" + series.replace(':', '_');
    }

    /** Whether {@code uri} can be scraped: http:// or https:// with a host. */
    public static boolean isScrapeUrl(URI uri) {
        return uri != null && uri.getHost() != null && ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()));
    }

    /** {@code options.scrape}: an array of entries; each needs an http(s) url. */
    public static List<ScrapeOption> read(OptionReader options) {
        if (!options.has("scrape")) return List.of();
        var node = options.raw("scrape");
        if (!node.isArray()) throw new ConfigException("options.scrape: expected an array of {url, every, select, snapshots}, not " + OptionReader.describe(node));
        List<ScrapeOption> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String path = "options.scrape[" + i + "]";
            if (!node.get(i).isObject()) throw new ConfigException(path + ": expected an object {url, every, select, snapshots}");
            OptionReader entry = new OptionReader(node.get(i), path);
            entry.rejectUnknown(java.util.Set.of("url", "every", "select", "snapshots"));
            String url = entry.string("url", null);
            URI uri;
            try {
                uri = url == null ? null : new URI(url);
            } catch (java.net.URISyntaxException e) {
                uri = null;
            }
            if (!isScrapeUrl(uri)) {
                throw new ConfigException(path + ".url: expected an http:// or https:// URL with a host"
                        + (url == null ? "" : ", not '" + jload.engine.proto.ws.WsUrls.asWritten(url) + "'"));
            }
            Duration every = entry.duration("every", DEFAULT_EVERY);
            if (every.compareTo(Duration.ofMillis(100)) < 0) throw new ConfigException(path + ".every: at least 100ms, not " + every.toMillis() + "ms");
            List<String> select = entry.stringList("select", List.of());
            for (String name : select) {
                if (!name.matches("[a-zA-Z_:][a-zA-Z0-9_:]*")) throw new ConfigException(path + ".select: '" + name + "' is not a metric name");
            }
            String folder = entry.string("snapshots", null);
            out.add(new ScrapeOption(uri, every, List.copyOf(select), folder == null ? null : Path.of(folder)));
        }
        return List.copyOf(out);
    }
}
