package jload.engine.output;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import jload.engine.plan.ConfigException;

/**
 * {@code --out csv=FILE}: every sample as a row of CSV, in k6's format (k6's {@code output/csv}): the columns
 * {@code metric_name, timestamp, metric_value}, one per system tag k6 emits by default (sorted), then {@code extra_tags}
 * (the sample's other tags as {@code k=v&k=v}) and {@code metadata}. Timestamps in whole Unix seconds unless
 * {@code timeFormat} says otherwise; values with six decimals, as Go's {@code %f}; fields quoted as Go's
 * {@code encoding/csv} quotes them. {@code FILE} ending in {@code .gz} is gzipped.
 *
 * <p>As in k6, the argument is a file name, or {@code fileName=…,timeFormat=…} ({@code unix}, {@code unix_milli},
 * {@code unix_micro}, {@code unix_nano}, {@code rfc3339}, {@code rfc3339_nano}); {@code K6_CSV_FILENAME} and {@code
 * K6_CSV_TIME_FORMAT} are read too, the argument winning. k6's {@code saveInterval} is accepted: jload writes rows as
 * they come.
 */
public final class CsvOutput extends SampleFile {
    /** k6's default system tags (metrics.DefaultSystemTagSet), in the order of k6's columns. */
    static final List<String> SYSTEM_TAGS = List.of("check", "error", "error_code", "expected_response", "group", "method", "name",
            "proto", "scenario", "service", "status", "subproto", "tls_version", "url");
    /** System tags k6 knows but does not emit by default: never extra tags ({@code vu} and {@code iter} are metadata there). */
    private static final Set<String> IGNORED = Set.of("iter", "vu", "ocsp_status", "ip");
    private static final Set<String> TIME_FORMATS = Set.of("unix", "unix_milli", "unix_micro", "unix_nano", "rfc3339", "rfc3339_nano");

    /** What {@code --out csv=ARG} and the environment ask for. */
    public record Config(Path file, String timeFormat) {
        public static Config parse(String arg, Map<String, String> env) {
            String file = env.getOrDefault("K6_CSV_FILENAME", "file.csv");
            String format = env.getOrDefault("K6_CSV_TIME_FORMAT", "unix");
            if (arg != null && !arg.isEmpty()) {
                if (!arg.contains("=")) {
                    file = arg;
                } else {
                    for (String pair : arg.split(",")) {
                        int eq = pair.indexOf('=');
                        String key = eq < 0 ? pair : pair.substring(0, eq), value = eq < 0 ? "" : pair.substring(eq + 1);
                        if (value.isEmpty()) throw new ConfigException("--out csv=" + arg + ": couldn't parse '" + pair + "' (expected key=value)");
                        switch (key) {
                            case "fileName" -> file = value;
                            case "timeFormat" -> format = value;
                            case "saveInterval" -> jload.engine.plan.K6Duration.parse(value, "--out csv saveInterval");
                            default -> throw new ConfigException("--out csv=" + arg + ": unknown key '" + key + "'; expected fileName, timeFormat or saveInterval");
                        }
                    }
                }
            }
            if (!TIME_FORMATS.contains(format)) {
                throw new ConfigException("--out csv: timeFormat '" + format + "' is not one of unix, unix_milli, unix_micro, unix_nano, rfc3339, rfc3339_nano");
            }
            return new Config(Path.of(file), format);
        }
    }

    private final String timeFormat;
    private final StringBuilder row = new StringBuilder(256);

    public CsvOutput(Config config) throws IOException {
        super(config.file(), "jload-out-csv");
        this.timeFormat = config.timeFormat();
        row.append("metric_name,timestamp,metric_value");
        for (String tag : SYSTEM_TAGS) row.append(',').append(tag);
        row.append(",extra_tags,metadata\n");
        flushRow();
        startWriting();
    }

    @Override
    protected java.io.OutputStream wrap(java.io.OutputStream file, Path path) throws IOException {
        // Sync-flushed: every batch of whole lines written is readable from the .gz, even if the process stops hard.
        return path.getFileName().toString().endsWith(".gz") ? new java.util.zip.GZIPOutputStream(file, true) : file;
    }

    @Override
    protected void write(Sample s) throws IOException {
        field(s.metric().name()).append(',');
        row.append(timestamp(s.epochNanos())).append(',');
        row.append(String.format(Locale.ROOT, "%f", s.value()));
        Map<String, String> tags = s.tags().asMap(); // sorted by key
        for (String tag : SYSTEM_TAGS) {
            row.append(',');
            String v = tags.get(tag);
            if (v != null) field(v);
        }
        StringBuilder extra = new StringBuilder();
        for (Map.Entry<String, String> e : tags.entrySet()) {
            if (SYSTEM_TAGS.contains(e.getKey()) || IGNORED.contains(e.getKey())) continue;
            if (!extra.isEmpty()) extra.append('&');
            extra.append(e.getKey()).append('=').append(e.getValue());
        }
        row.append(',');
        field(extra.toString());
        row.append(",\n"); // metadata: jload's samples carry none
        flushRow();
    }

    private String timestamp(long epochNanos) {
        return switch (timeFormat) {
            case "unix_milli" -> Long.toString(Math.floorDiv(epochNanos, 1_000_000L));
            case "unix_micro" -> Long.toString(Math.floorDiv(epochNanos, 1_000L));
            case "unix_nano" -> Long.toString(epochNanos);
            case "rfc3339" -> DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(Instant.ofEpochSecond(Math.floorDiv(epochNanos, 1_000_000_000L)).atOffset(ZoneOffset.UTC));
            case "rfc3339_nano" -> DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochSecond(0, epochNanos));
            default -> Long.toString(Math.floorDiv(epochNanos, 1_000_000_000L));
        };
    }

    /** A field as Go's encoding/csv writes it: quoted when it holds a comma, a quote or a line break, or starts with a space. */
    private StringBuilder field(String v) {
        boolean quote = !v.isEmpty() && (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0
                || Character.isWhitespace(v.charAt(0)) || v.equals("\\."));
        if (!quote) return row.append(v);
        return row.append('"').append(v.replace("\"", "\"\"")).append('"');
    }

    private void flushRow() {
        byte[] bytes = row.toString().getBytes(StandardCharsets.UTF_8);
        lines().write(bytes, 0, bytes.length);
        row.setLength(0);
    }
}
