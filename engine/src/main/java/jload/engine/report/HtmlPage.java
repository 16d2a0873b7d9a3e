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
        return resource("jload/report/page.html")
                .replace("/*TITLE*/", escapeHtml(title))
                .replace("/*UPLOT_CSS*/", resource(UPLOT + "uPlot.min.css"))
                .replace("/*UPLOT_JS*/", scriptSafe(resource(UPLOT + "uPlot.iife.min.js")))
                .replace("/*DATA*/", scriptSafe(data.toString()))
                .replace("/*APP_JS*/", scriptSafe(resource("jload/report/report.js")));
    }

    /** Text that cannot end the script element it is in ({@code </script>}) nor open a comment. */
    static String scriptSafe(String text) {
        return text.replace("</", "<\\/").replace("<!--", "<\\!--");
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
        return new ObjectMapper().readTree(html.substring(start, end).replace("<\\/", "</"));
    }
}
