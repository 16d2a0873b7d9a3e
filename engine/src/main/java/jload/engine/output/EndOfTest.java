package jload.engine.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import jload.engine.output.summary.SummaryExport;
import jload.engine.output.summary.SummaryMode;
import jload.engine.output.summary.TextSummary;
import jload.engine.output.summary.TextSummaryOptions;

/**
 * Writes what a finished run promised: the summary (jload's k6-shaped text, or whatever the
 * script's handleSummary returns), and the --summary-export file. A failing handleSummary falls
 * back to the default summary, as in k6; nothing promised is skipped because something else failed.
 */
public final class EndOfTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrintStream stdout;
    private final Log log;

    public EndOfTest(PrintStream stdout, Log log) {
        this.stdout = stdout;
        this.log = log;
    }

    /**
     * @param handleSummary calls the script's handleSummary with the data as JSON and returns its
     *                      result as JSON; null when the script has none
     * @return whether every output was written
     */
    public boolean write(ObjectNode data, SummaryMode mode, Function<String, String> handleSummary, Path summaryExport) {
        boolean ok = true;
        if (summaryExport != null) {
            try {
                writeFile(summaryExport, SummaryExport.toJson(data));
            } catch (IOException | RuntimeException e) {
                log.error("could not write --summary-export " + summaryExport + ": " + e.getMessage());
                ok = false;
            }
        }
        if (handleSummary != null) {
            try {
                String result = handleSummary.apply(data.toString());
                if (result != null) {
                    ok &= writeHandleSummary(JSON.readTree(result));
                    return ok;
                }
            } catch (RuntimeException | IOException e) {
                log.error("handleSummary() failed, so the default summary is shown instead: " + e.getMessage());
                ok = false;
            }
        }
        stdout.print(TextSummary.renderForStdout(data, TextSummaryOptions.forStdout(data, mode)));
        if (data.path("metrics").has("iteration_duration_from_intended")) {
            // Open-model runs: say which number includes queueing (DESIGN.md §6, coordinated omission).
            stdout.println("  ⓘ iteration_duration_from_intended times each arrival-rate iteration from when it was due,");
            stdout.println("    so waiting for a free VU counts (coordinated omission); iteration_duration starts when it ran.");
            stdout.println();
        }
        stdout.flush();
        return ok;
    }

    /** handleSummary's map: "stdout", "stderr", or a file path → content. */
    private boolean writeHandleSummary(JsonNode result) {
        boolean ok = true;
        if (!result.isObject()) {
            log.error("handleSummary() must return an object of { destination: content }");
            return false;
        }
        for (Map.Entry<String, JsonNode> e : result.properties()) {
            String content = e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString();
            switch (e.getKey()) {
                case "stdout" -> {
                    stdout.print(content);
                    stdout.flush();
                }
                case "stderr" -> {
                    System.err.print(content);
                    System.err.flush();
                }
                default -> {
                    try {
                        writeFile(Path.of(e.getKey()), content);
                    } catch (IOException | RuntimeException ex) {
                        log.error("handleSummary(): could not write " + e.getKey() + ": " + ex.getMessage());
                        ok = false;
                    }
                }
            }
        }
        return ok;
    }

    private static void writeFile(Path path, String content) throws IOException {
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        Files.writeString(path, content);
    }
}
