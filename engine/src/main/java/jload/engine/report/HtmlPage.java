package jload.engine.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * One self-contained HTML page — the chart library (uPlot, from its webjar), the page's script and the data all
 * inside — so a report opens offline, from a mail attachment as from a CI artifact. Modes: {@code report} (one
 * run), {@code compare} (two, overlaid), {@code live} (the dashboard: the page then follows {@code /events}).
 */
public final class HtmlPage {
    static final String UPLOT = "META-INF/resources/webjars/uplot/1.6.30/dist/";

    private HtmlPage() { }

    public static String report(ObjectNode run) {
        return render("jload report — " + run.path("run").path("script").asText("run"), "report", List.of(run), false);
    }

    public static String compare(ObjectNode a, ObjectNode b) {
        return render("jload comparison — " + a.path("run").path("folder").asText() + " vs " + b.path("run").path("folder").asText(), "compare",
                List.of(a, b), false);
    }

    /** The dashboard's page: the run so far; the page follows {@code /events} until the run has finished. */
    public static String live(ObjectNode run, boolean finished) {
        return render("jload dashboard — " + run.path("run").path("script").asText("run"), "live", List.of(run), finished);
    }

    private static String render(String title, String mode, List<ObjectNode> runs, boolean finished) {
        ObjectMapper json = new ObjectMapper();
        ObjectNode data = json.createObjectNode().put("mode", mode).put("finished", finished).put("events", "/events");
        ArrayNode list = data.putArray("runs");
        runs.forEach(list::add);
        return fill(resource("jload/report/page.html"), Map.of(
                "TITLE", escapeHtml(title),
                "UPLOT_CSS", resource(UPLOT + "uPlot.min.css"),
                "UPLOT_JS", scriptSafe(resource(UPLOT + "uPlot.iife.min.js")),
                "DATA", jsonSafe(data.toString()),
                "APP_JS", scriptSafe(resource("jload/report/report.js"))));
    }

    /**
     * The template with each {@code /*NAME*}{@code /} marker replaced, in one pass: what a replacement holds (a tag, a
     * check's name) is never taken for a marker.
     */
    static String fill(String template, Map<String, String> parts) {
        StringBuilder out = new StringBuilder(template.length() + parts.values().stream().mapToInt(String::length).sum());
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("/\\*([A-Z_]+)\\*/").matcher(template);
        int at = 0;
        while (m.find()) {
            String part = parts.get(m.group(1));
            if (part == null) continue;
            out.append(template, at, m.start()).append(part);
            at = m.end();
        }
        return out.append(template, at, template.length()).toString();
    }

    /** Script code that cannot end the script element it is in ({@code </script>}). */
    static String scriptSafe(String code) {
        return code.replace("</", "<\\/");
    }

    /** JSON that cannot end its script element nor open a comment: every {@code <} (only ever inside a string) escaped. */
    static String jsonSafe(String json) {
        return json.replace("<", "\\u003c");
    }

    private static String escapeHtml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    static String resource(String path) {
        try (InputStream in = HtmlPage.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) throw new IllegalStateException("jload is missing its resource " + path + " (a broken build)");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** For tests and tools: the data a page carries. */
    static JsonNode dataOf(String html) throws IOException {
        int start = html.indexOf("<script id=\"jload-data\" type=\"application/json\">") + "<script id=\"jload-data\" type=\"application/json\">".length();
        int end = html.indexOf("</script>", start);
        return new ObjectMapper().readTree(html.substring(start, end));
    }
}
