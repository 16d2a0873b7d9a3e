package jload.engine.output;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import jload.engine.metrics.Metric;
import jload.engine.thresholds.MetricThresholds;

/**
 * {@code --out json=FILE}: every sample as a line of JSON, in k6's format — a {@code Metric} record
 * the first time a metric is seen, then one {@code Point} per sample. Whole lines only ({@link SampleFile}): a run
 * that recorded nothing leaves the file empty.
 */
public final class JsonLinesOutput extends SampleFile {
    private final Set<String> announced = ConcurrentHashMap.newKeySet();
    private final Map<String, java.util.List<String>> thresholdsByMetric = new ConcurrentHashMap<>();
    private final JsonGenerator json;

    public JsonLinesOutput(Path path, java.util.List<MetricThresholds> thresholds) throws IOException {
        super(path, "jload-out-json");
        this.json = new JsonFactory().createGenerator(lines(), JsonEncoding.UTF8);
        this.json.setRootValueSeparator(null);
        for (MetricThresholds t : thresholds) {
            thresholdsByMetric.computeIfAbsent(t.selector().metricName(), k -> new java.util.ArrayList<>())
                    .addAll(t.thresholds().stream().map(x -> x.expression().source()).toList());
        }
        startWriting();
    }

    @Override
    protected void write(Sample s) throws IOException {
        if (announced.add(s.metric().name())) writeMetric(s.metric());
        writePoint(s);
    }

    @Override
    protected void flushFormatter() throws IOException {
        json.flush();
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

    @Override
    public void close() throws IOException {
        super.close();
        json.close();
    }
}
