package jload.engine.output;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jload.engine.metrics.Metric;
import jload.engine.metrics.SampleListener;
import jload.engine.metrics.TagSet;
import jload.engine.plan.ConfigException;
import jload.engine.thresholds.MetricThresholds;
import jload.engine.timeline.TimelineListener;

/**
 * The outputs a run was asked for with {@code --out TYPE=ARG} (repeatable): {@code json=FILE} and {@code csv=FILE}
 * take every sample; {@code hdr=DIR} and {@code html=FILE} take the run's intervals and stalls, and its summary. Opened together, before the test; closed
 * together, after it — each failure said, none stopping the others.
 */
public final class Outputs implements AutoCloseable {
    private final List<SampleFile> sampleFiles = new ArrayList<>();
    private final List<TimelineListener> timeline = new ArrayList<>();
    private final List<AutoCloseable> all = new ArrayList<>();

    private Outputs() { }

    /**
     * @param env  the environment (k6's {@code K6_CSV_*} settings)
     * @param run  what interval outputs say about the run
     * @throws ConfigException naming the {@code --out} value that is wrong or whose file cannot be written
     */
    public static Outputs open(List<String> specs, List<MetricThresholds> thresholds, Map<String, String> env, Duration interval,
                               Map<String, Object> run) {
        Outputs outputs = new Outputs();
        try {
            for (String spec : specs) outputs.openOne(spec, thresholds, env, interval, run);
        } catch (ConfigException e) {
            outputs.close(msg -> { });
            throw e;
        } catch (RuntimeException e) { // a path the file system refuses (InvalidPathException), …
            outputs.close(msg -> { });
            throw new ConfigException("--out: " + e.getMessage());
        }
        return outputs;
    }

    private void openOne(String spec, List<MetricThresholds> thresholds, Map<String, String> env, Duration interval, Map<String, Object> run) {
        int eq = spec.indexOf('=');
        String type = eq < 0 ? spec : spec.substring(0, eq);
        String arg = eq < 0 ? "" : spec.substring(eq + 1);
        try {
            switch (type) {
                case "json" -> {
                    if (arg.isEmpty()) throw new ConfigException("--out " + spec + ": expected json=FILE");
                    if (sampleFiles.stream().anyMatch(f -> f instanceof JsonLinesOutput)) throw new ConfigException("--out json can be given once");
                    add(new JsonLinesOutput(Path.of(arg), thresholds));
                }
                case "csv" -> {
                    if (sampleFiles.stream().anyMatch(f -> f instanceof CsvOutput)) throw new ConfigException("--out csv can be given once");
                    add(new CsvOutput(CsvOutput.Config.parse(arg, env)));
                }
                case "hdr" -> {
                    if (arg.isEmpty()) throw new ConfigException("--out " + spec + ": expected hdr=DIR");
                    HdrLogOutput hdr = new HdrLogOutput(Path.of(arg), interval, run);
                    timeline.add(hdr);
                    all.add(hdr);
                }
                case "html" -> {
                    if (arg.isEmpty()) throw new ConfigException("--out " + spec + ": expected html=FILE");
                    HtmlReportOutput html = new HtmlReportOutput(Path.of(arg), interval, run);
                    timeline.add(html);
                    all.add(html);
                }
                default -> throw new ConfigException("--out " + spec + ": unknown output '" + type + "'; expected json=FILE, csv=FILE, hdr=DIR or html=FILE");
            }
        } catch (IOException e) {
            throw new ConfigException("--out " + spec + ": cannot write there: " + e.getMessage());
        }
    }

    private void add(SampleFile file) {
        sampleFiles.add(file);
        all.add(file);
    }

    /** What sees every sample: null when no output wants them (the registry then skips the call). */
    public SampleListener sampleListener() {
        if (sampleFiles.isEmpty()) return null;
        if (sampleFiles.size() == 1) return sampleFiles.getFirst();
        List<SampleFile> files = List.copyOf(sampleFiles);
        return (Metric metric, TagSet tags, double value) -> {
            for (SampleFile f : files) f.onSample(metric, tags, value);
        };
    }

    /** The outputs that take intervals and stalls; empty when none does (then no interval is cut). */
    public List<TimelineListener> timelineListeners() {
        return List.copyOf(timeline);
    }

    /**
     * Serves the live dashboard on {@code host:port} for this run; its URL.
     *
     * @throws ConfigException when the port cannot be had (in use, or the host is not this machine's)
     */
    public String openDashboard(String host, int port, Map<String, Object> run, Duration interval, jload.engine.exec.ThresholdJudge judge,
                                java.util.function.DoubleSupplier elapsedSeconds) {
        try {
            LiveDashboard dashboard = new LiveDashboard(host, port, run, interval.toMillis(), judge, elapsedSeconds);
            timeline.add(dashboard);
            all.add(dashboard);
            return dashboard.url();
        } catch (IOException e) {
            throw new ConfigException("--dashboard: cannot listen on " + host + ":" + port + " (" + e.getMessage()
                    + "); choose another with --dashboard-port or --dashboard-host");
        }
    }

    /** Hands the end-of-test summary's data to the outputs that keep it (hdr, html), before they are closed. */
    public void finish(com.fasterxml.jackson.databind.JsonNode summary) {
        for (AutoCloseable c : all) {
            if (c instanceof FinishedRun f) f.finish(summary);
        }
    }

    /** Closes every output; {@code problems} hears of each that failed. */
    public void close(java.util.function.Consumer<String> problems) {
        for (AutoCloseable c : all) {
            try {
                c.close();
            } catch (Exception e) {
                problems.accept("an output could not be completed: " + e.getMessage());
            }
        }
        all.clear();
    }

    @Override
    public void close() {
        close(msg -> { });
    }
}
