package jload.engine.output;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import jload.engine.metrics.Metric;
import jload.engine.metrics.SampleListener;
import jload.engine.metrics.TagSet;
import jload.engine.thresholds.MetricThresholds;

/**
 * {@code --out json=FILE}: every sample as a line of JSON, in k6's format — a {@code Metric} record
 * the first time a metric is seen, then one {@code Point} per sample. VU threads only enqueue
 * (lock-free); one writer thread formats and writes.
 *
 * <p>The file only ever receives whole lines, each ending with a newline: records are formatted
 * into memory and written in batches of complete lines. So whenever the process ends — even halted
 * by a second Ctrl-C — every line in the file parses, and a run that recorded nothing leaves it empty.
 */
public final class JsonLinesOutput implements SampleListener, AutoCloseable {
    private record Sample(Metric metric, TagSet tags, double value, long epochNanos) {}

    private static final long NANOS_AT_START = System.currentTimeMillis() * 1_000_000L - System.nanoTime();

    private final ConcurrentLinkedQueue<Sample> queue = new ConcurrentLinkedQueue<>();
    private final Set<String> announced = ConcurrentHashMap.newKeySet();
    private final Map<String, java.util.List<String>> thresholdsByMetric = new ConcurrentHashMap<>();
    private final OutputStream file;
    /** Whole lines not yet in the file; the generator writes here. */
    private final java.io.ByteArrayOutputStream lines = new java.io.ByteArrayOutputStream(1 << 16);
    private final JsonGenerator json;
    private final Thread writer;
    private volatile boolean closing;
    private IOException failure;

    public JsonLinesOutput(Path path, java.util.List<MetricThresholds> thresholds) throws IOException {
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        this.file = Files.newOutputStream(path);
        this.json = new JsonFactory().createGenerator(lines, JsonEncoding.UTF8);
        this.json.setRootValueSeparator(null);
        for (MetricThresholds t : thresholds) {
            thresholdsByMetric.computeIfAbsent(t.selector().metricName(), k -> new java.util.ArrayList<>())
                    .addAll(t.thresholds().stream().map(x -> x.expression().source()).toList());
        }
        this.writer = Thread.ofPlatform().daemon().name("jload-out-json").start(this::drainLoop);
    }

    @Override
    public void onSample(Metric metric, TagSet tags, double value) {
        queue.add(new Sample(metric, tags, value, NANOS_AT_START + System.nanoTime()));
    }

    private void drainLoop() {
        try {
            while (!closing) {
                if (!drain()) Thread.sleep(50);
            }
            drain();
        } catch (InterruptedException e) {
            drain();
        }
    }

    private boolean drain() {
        boolean any = false;
        Sample s;
        try {
            while ((s = queue.poll()) != null) {
                any = true;
                if (announced.add(s.metric().name())) writeMetric(s.metric());
                writePoint(s);
                if (lines.size() >= 1 << 16) writeLines();
            }
            if (any) writeLines();
        } catch (IOException e) {
            failure = e;
            queue.clear();
        }
        return any;
    }

    /** Moves the formatted records — whole lines only — to the file. */
    private void writeLines() throws IOException {
        json.flush();
        lines.writeTo(file);
        lines.reset();
    }

    private void writeMetric(Metric m) throws IOException {
        json.writeStartObject();
        json.writeStringField("type", "Metric");
        json.writeObjectFieldStart("data");
        json.writeStringField("name", m.name());
        json.writeStringField("type", m.type().k6Name());
        json.writeStringField("contains", m.kind().k6Name());
        json.writeArrayFieldStart("thresholds");
        for (String t : thresholdsByMetric.getOrDefault(m.name(), java.util.List.of())) json.writeString(t);
        json.writeEndArray();
        json.writeNullField("submetrics");
        json.writeEndObject();
        json.writeStringField("metric", m.name());
        json.writeEndObject();
        json.writeRaw('\n');
    }

    private void writePoint(Sample s) throws IOException {
        json.writeStartObject();
        json.writeStringField("metric", s.metric().name());
        json.writeStringField("type", "Point");
        json.writeObjectFieldStart("data");
        Instant t = Instant.ofEpochSecond(0, s.epochNanos());
        json.writeStringField("time", DateTimeFormatter.ISO_INSTANT.format(t));
        json.writeNumberField("value", s.value());
        json.writeObjectFieldStart("tags");
        for (Map.Entry<String, String> e : s.tags().asMap().entrySet()) json.writeStringField(e.getKey(), e.getValue());
        json.writeEndObject();
        json.writeEndObject();
        json.writeEndObject();
        json.writeRaw('\n');
    }

    /** Writes what is queued and closes the file. */
    @Override
    public void close() throws IOException {
        closing = true;
        try {
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        json.close();
        file.close();
        if (failure != null) throw failure;
    }
}
