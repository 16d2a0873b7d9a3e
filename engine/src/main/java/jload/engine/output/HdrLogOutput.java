package jload.engine.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jload.engine.metrics.MetricType;
import jload.engine.metrics.TagSet;
import jload.engine.timeline.Interval;
import jload.engine.timeline.SeriesInterval;
import jload.engine.timeline.Stall;
import jload.engine.timeline.TimelineListener;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

/**
 * {@code --out hdr=DIR}: a run's intervals, kept losslessly. For each Trend series, {@code DIR/<metric>.<n>.hlog} in
 * HdrHistogram's interval-log format — readable by {@code HistogramLogReader} and HdrHistogram's log tools — one
 * histogram per interval, tagged with the series' tags ({@link #logTag}), values in thousandths of the metric's unit
 * (microseconds for a time trend). A histogram cannot hold a negative value: a custom Trend's negative samples go, as
 * their magnitudes, to {@code negative/<metric>.<n>.hlog}, opened with the first one (the index names it). Beside
 * them: {@code intervals.jsonl}, each interval's counters, rates and gauges and each trend's count and percentiles;
 * {@code index.json}: the run, the interval, every log with its metric and tags, and jload's own stalls; and {@code
 * summary.json}, the end-of-test summary's data, once the run has one. Everything is written as the run goes (each
 * interval flushed, the index replaced whole), so a run stopped hard keeps what it had.
 */
public final class HdrLogOutput implements TimelineListener, FinishedRun, AutoCloseable {
    /** What {@code index.json} says the format is; a reader checks it. */
    public static final int FORMAT = 1;
    public static final String INDEX = "index.json", INTERVALS = "intervals.jsonl", SUMMARY = "summary.json";
    /**
     * The folder of the logs of negative samples, named as their series' logs: a tool that reads {@code DIR/<metric>.*.hlog}
     * does not take them for samples of the metric.
     */
    static final String NEGATIVE = "negative";

    private record Log(String file, String metric, String contains, TagSet tags, HistogramLogWriter writer, PrintStream stream) { }

    /** Each series' log of the magnitudes of its negative samples, from the first interval that had one. */
    private final Map<Log, Log> negativeLogs = new java.util.HashMap<>();

    private final Path dir;
    private final Duration every;
    private final Map<String, Object> run;
    private final Map<String, Map<TagSet, Log>> logs = new LinkedHashMap<>();
    private final List<Stall> stalls = new ArrayList<>();
    private final java.io.Writer intervals;
    private final ObjectMapper json = new ObjectMapper();
    private long startMillis = -1, endMillis;
    private IOException failure;

    /**
     * @param run what the index says about the run (script, jload and JVM versions, …)
     */
    public HdrLogOutput(Path dir, Duration every, Map<String, Object> run) throws IOException {
        this.dir = dir;
        this.every = every;
        this.run = run;
        Files.createDirectories(dir);
        for (Path folder : List.of(dir, dir.resolve(NEGATIVE))) {
            if (!Files.isDirectory(folder)) continue;
            try (var old = Files.newDirectoryStream(folder, "*.hlog")) {
                for (Path p : old) Files.delete(p); // a folder reused for another run holds only this run's files
            }
        }
        Files.deleteIfExists(dir.resolve(INDEX));
        Files.deleteIfExists(dir.resolve(SUMMARY));
        this.intervals = Files.newBufferedWriter(dir.resolve(INTERVALS));
    }

    /**
     * A series' tags as one HdrHistogram log tag: {@code k=v&k=v}, URL-encoded, because a log tag cannot hold commas,
     * spaces or line breaks. {@code -} for no tags.
     */
    public static String logTag(TagSet tags) {
        if (tags.isEmpty()) return "-";
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, String> e : tags.asMap().entrySet()) {
            if (!out.isEmpty()) out.append('&');
            out.append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)).append('=').append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
        }
        return out.toString();
    }

    @Override
    public synchronized void onInterval(Interval interval) {
        if (failure != null) return;
        try {
            if (startMillis < 0) startMillis = interval.startMillis();
            endMillis = interval.endMillis();
            for (SeriesInterval s : interval.series()) {
                if (s.type() == MetricType.TREND) writeHistogram(interval, s);
            }
            intervals.write(IntervalJson.of(interval) + "\n");
            intervals.flush();
            for (Map<TagSet, Log> byTags : logs.values()) {
                for (Log l : byTags.values()) {
                    if (l.stream().checkError()) throw new IOException(dir.resolve(l.file()) + ": could not be written");
                }
            }
            for (Log l : negativeLogs.values()) {
                if (l.stream().checkError()) throw new IOException(dir.resolve(l.file()) + ": could not be written");
            }
            writeIndex();
        } catch (IOException e) {
            failure = e;
        }
    }

    private void writeHistogram(Interval interval, SeriesInterval s) throws IOException {
        Log log = logs.computeIfAbsent(s.metric().name(), k -> new LinkedHashMap<>()).get(s.tags());
        if (log == null) {
            Map<TagSet, Log> byTags = logs.get(s.metric().name());
            log = open(s, s.metric().name() + "." + (byTags.size() + 1) + ".hlog", "");
            byTags.put(s.tags(), log);
        }
        write(log, interval, s.histogram());
        if (s.negatives() != null && s.negatives().getTotalCount() > 0) {
            Log negatives = negativeLogs.get(log);
            if (negatives == null) {
                Files.createDirectories(dir.resolve(NEGATIVE));
                negatives = open(s, NEGATIVE + "/" + log.file(), ", negative values as their magnitudes");
                negativeLogs.put(log, negatives);
            }
            write(negatives, interval, s.negatives());
        }
    }

    private void write(Log log, Interval interval, Histogram h) {
        h.setStartTimeStamp(interval.startMillis());
        h.setEndTimeStamp(interval.endMillis());
        h.setTag(logTag(log.tags()));
        // The log's "max" column reads in the metric's unit: recorded units / 1000.
        log.writer().outputIntervalHistogram((interval.startMillis() - startMillis) / 1000.0, (interval.endMillis() - startMillis) / 1000.0,
                h, jload.engine.metrics.TrendSeries.SCALE);
    }

    private Log open(SeriesInterval s, String file, String what) throws IOException {
        PrintStream stream = new PrintStream(Files.newOutputStream(dir.resolve(file)), false, StandardCharsets.UTF_8);
        HistogramLogWriter writer = new HistogramLogWriter(stream);
        writer.outputComment("jload " + s.metric().name() + " " + logTag(s.tags()) + ": values in thousandths of the metric's unit"
                + (s.metric().kind() == jload.engine.metrics.ValueKind.TIME ? " (microseconds)" : "") + what);
        writer.outputLogFormatVersion();
        writer.outputBaseTime(startMillis);
        writer.outputStartTime(startMillis);
        writer.setBaseTime(startMillis);
        writer.outputLegend();
        return new Log(file, s.metric().name(), s.metric().kind().k6Name(), s.tags(), writer, stream);
    }

    /** On the thread that saw the stall, an event loop's perhaps: never waits for a file being written. */
    @Override
    public void onStall(Stall stall) {
        synchronized (stalls) {
            if (stalls.size() < jload.engine.timeline.StallRecorder.KEPT) stalls.add(stall);
        }
    }

    /** The index, replaced whole (written beside, then moved), so a reader never sees half of it. */
    private void writeIndex() throws IOException {
        ObjectNode index = json.createObjectNode();
        index.put("format", FORMAT);
        index.set("run", json.valueToTree(run));
        index.put("start", startMillis).put("end", endMillis).put("intervalMillis", every.toMillis());
        index.put("intervals", INTERVALS);
        index.put("valueScale", jload.engine.metrics.TrendSeries.SCALE);
        ArrayNode list = index.putArray("logs");
        for (Map<TagSet, Log> byTags : logs.values()) {
            for (Log l : byTags.values()) {
                ObjectNode entry = list.addObject().put("file", l.file()).put("metric", l.metric()).put("contains", l.contains()).put("tag", logTag(l.tags()));
                Log negatives = negativeLogs.get(l);
                if (negatives != null) entry.put("negatives", negatives.file());
                ObjectNode tags = entry.putObject("tags");
                l.tags().asMap().forEach(tags::put);
            }
        }
        List<Stall> seen;
        synchronized (stalls) {
            seen = List.copyOf(stalls);
        }
        index.set("stalls", IntervalJson.stalls(seen));
        Path tmp = dir.resolve(INDEX + ".tmp");
        Files.writeString(tmp, index.toPrettyString() + "\n");
        Files.move(tmp, dir.resolve(INDEX), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Keeps the end-of-test summary's data (k6's handleSummary data) beside the intervals: the report's verdict. Not
     * {@code setup_data}: what setup() returned is the script's (a login token, say), not a result.
     */
    @Override
    public synchronized void finish(JsonNode summary) {
        if (failure != null) return;
        try {
            JsonNode kept = summary.deepCopy();
            if (kept instanceof ObjectNode o) o.remove("setup_data");
            Files.writeString(dir.resolve(SUMMARY), kept.toPrettyString() + "\n");
        } catch (IOException e) {
            failure = e;
        }
    }

    @Override
    public synchronized void close() throws IOException {
        try {
            if (failure == null && startMillis >= 0) writeIndex();
        } catch (IOException e) {
            failure = e;
        }
        for (Map<TagSet, Log> byTags : logs.values()) byTags.values().forEach(l -> l.stream().close());
        negativeLogs.values().forEach(l -> l.stream().close());
        intervals.close();
        if (failure != null) throw failure;
    }
}
