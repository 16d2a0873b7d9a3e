package jload.engine.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jload.engine.output.HdrLogOutput;
import jload.engine.plan.ConfigException;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;

/**
 * A finished run as {@code --out hdr=DIR} kept it, read back: the index, every interval's counters, rates and gauges,
 * every Trend series' histogram per interval, and the end-of-test summary (when the run got that far).
 *
 * @param histograms per log file (a series' own, and its {@code negatives} log when it had negative samples), the
 *                   histogram of each interval by the interval's start (epoch ms)
 * @param summary    the end-of-test summary's data (k6's handleSummary data), or null
 */
public record RunRecord(Path dir, JsonNode index, List<JsonNode> intervals, Map<String, Map<Long, Histogram>> histograms, JsonNode summary) {

    /** Reads {@code dir}; a folder that is not an {@code --out hdr} folder is a {@link ConfigException} saying so. */
    public static RunRecord read(Path dir) {
        Path indexFile = dir.resolve(HdrLogOutput.INDEX);
        if (!Files.isRegularFile(indexFile)) {
            throw new ConfigException(dir + ": no " + HdrLogOutput.INDEX + " here; expected a folder written by jload run --out hdr=DIR");
        }
        ObjectMapper json = new ObjectMapper();
        try {
            JsonNode index = json.readTree(indexFile.toFile());
            if (index.path("format").asInt() != HdrLogOutput.FORMAT) {
                throw new ConfigException(indexFile + ": format " + index.path("format") + " is not one this jload reads (" + HdrLogOutput.FORMAT + ")");
            }
            List<JsonNode> intervals = new ArrayList<>();
            Path lines = dir.resolve(index.path("intervals").asText(HdrLogOutput.INTERVALS));
            if (Files.isRegularFile(lines)) {
                for (String line : Files.readAllLines(lines)) {
                    if (!line.isBlank()) intervals.add(json.readTree(line));
                }
            }
            Map<String, Map<Long, Histogram>> histograms = new LinkedHashMap<>();
            for (JsonNode log : index.path("logs")) {
                histograms.put(log.path("file").asText(), readLog(dir, log.path("file").asText()));
                String negatives = log.path("negatives").asText("");
                if (!negatives.isEmpty()) histograms.put(negatives, readLog(dir, negatives));
            }
            Path summaryFile = dir.resolve(HdrLogOutput.SUMMARY);
            JsonNode summary = Files.isRegularFile(summaryFile) ? json.readTree(summaryFile.toFile()) : null;
            return new RunRecord(dir, index, intervals, histograms, summary);
        } catch (IOException | RuntimeException e) {
            if (e instanceof ConfigException c) throw c;
            throw new ConfigException(dir + ": cannot be read as a jload run (" + e.getMessage() + ")");
        }
    }

    private static Map<Long, Histogram> readLog(Path dir, String file) throws IOException {
        Map<Long, Histogram> byStart = new LinkedHashMap<>();
        try (HistogramLogReader reader = new HistogramLogReader(dir.resolve(file).toFile())) {
            EncodableHistogram h;
            while ((h = reader.nextIntervalHistogram()) != null) byStart.put(h.getStartTimeStamp(), (Histogram) h);
        }
        return byStart;
    }
}
