package jload.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report, the comparison and the live dashboard in a real browser (headless Chromium over the DevTools protocol):
 * they render with no console error, every chart has drawn data, and the dashboard's values move while a run goes.
 * Without Chromium on the machine the tests say so and skip (CI installs Debian's {@code chromium}). They leave
 * screenshots in target/screenshots, or in {@code JLOAD_SCREENSHOTS=DIR} (docs/img is made so: docs/reports.md).
 */
class ReportBrowserTest {
    private static final Path ECHO = Path.of("..", "examples", "ws-echo.js");
    /** Every chart's points, and how many of its canvas pixels were drawn. */
    private static final String CHARTS = """
            JSON.stringify({ charts: window.jloadReport.charts, errors: window.jloadReport.errors,
              drawn: [...document.querySelectorAll('.chart canvas')].map((c) => {
                const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++; return n; }) })""";

    @TempDir
    Path dir;
    private Path chromium;

    @BeforeEach
    void findChromium() {
        chromium = HeadlessChromium.find();
        Assumptions.assumeTrue(chromium != null,
                "no Chromium here: the browser tests need Debian's chromium package (apt-get install chromium), which .ci/run installs");
    }

    private void run(String... args) {
        Jload.Result r = Jload.run(args);
        assertEquals(0, r.exitCode(), r::toString);
    }

    private static void screenshot(HeadlessChromium browser, String name) throws Exception {
        String into = System.getenv("JLOAD_SCREENSHOTS");
        browser.screenshot((into == null ? Path.of("target", "screenshots") : Path.of(into)).resolve(name));
    }

    /** The page's charts all have data and pixels, and nothing failed. */
    private static JsonNode assertChartsDrawn(HeadlessChromium browser, int atLeast) throws Exception {
        browser.waitFor("window.jloadReport && window.jloadReport.ready", Duration.ofSeconds(20));
        JsonNode state = new com.fasterxml.jackson.databind.ObjectMapper().readTree(browser.eval(CHARTS).asText());
        assertTrue(state.path("errors").isEmpty() && browser.errors().isEmpty(), "errors: " + state.path("errors") + " " + browser.errors());
        assertTrue(state.path("charts").size() >= atLeast, "charts: " + state.path("charts"));
        for (JsonNode c : state.path("charts")) assertTrue(c.path("points").asInt() > 0, "a chart without data: " + c);
        assertEquals(state.path("charts").size(), state.path("drawn").size(), "one canvas per chart");
        for (JsonNode d : state.path("drawn")) assertTrue(d.asInt() > 1000, "a canvas with (almost) nothing drawn: " + state.path("drawn"));
        return state;
    }

    @Test
    void theReportAndTheComparisonOfTwoRunsRenderEveryChartWithData() throws Exception {
        Path a = dir.resolve("a"), b = dir.resolve("b"), html = dir.resolve("a.html"), cmp = dir.resolve("compare.html");
        run("run", "-q", "--sandbox", "--out", "hdr=" + a, "--out", "html=" + html, "-u", "2", "-d", "3s", ECHO.toString());
        run("run", "-q", "--sandbox", "--out", "hdr=" + b, "-u", "6", "-d", "3s", ECHO.toString());
        run("compare", a.toString(), b.toString(), "-o", cmp.toString());
        try (HeadlessChromium browser = HeadlessChromium.start(chromium, 1400, 1000)) {
            browser.open(html.toUri().toString());
            // Over time: VUs, rates, 4 Trends, checks, data; and the 4 Trends' distributions.
            assertChartsDrawn(browser, 12);
            assertTrue(browser.eval("document.querySelector('.banner').textContent").asText().contains("thresholds held"));
            assertTrue(browser.eval("document.body.innerText.includes('ws_rtt') && document.body.innerText.includes('By tag')").asBoolean());
            screenshot(browser, "report.jpg");

            browser.open(cmp.toUri().toString());
            assertChartsDrawn(browser, 12);
            String vusMax = browser.eval("[...document.querySelectorAll('tr')].find((r) => r.cells[0] && r.cells[0].textContent === 'vus_max').innerText")
                    .asText();
            assertTrue(vusMax.matches("(?s)vus_max\\s+value\\s+2\\s+6\\s+\\+200\\.0%"), "A 2 VUs, B 6: " + vusMax);
            screenshot(browser, "compare.jpg");
        }
        // The report is one file that needs nothing else: no URL to fetch.
        String page = Files.readString(html);
        assertTrue(!page.contains("http://") && !page.contains("https://") || page.indexOf("https://github.com/leeoniya/uPlot") == page.indexOf("https://"),
                "the only URL is uPlot's licence comment");
        Jload.Result bad = Jload.run("report", dir.resolve("nothing-here").toString(), "-o", dir.resolve("x.html").toString());
        assertEquals(104, bad.exitCode(), bad::toString);
        assertTrue(bad.stderr().contains("no index.json here; expected a folder written by jload run --out hdr=DIR"), bad.stderr());
    }

    @Test
    void theDashboardFollowsARunAsItGoes() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        HeadlessChromium browser = HeadlessChromium.start(chromium, 1400, 1000); // before the run: it takes seconds to start
        CompletableFuture<Jload.Result> running = CompletableFuture.supplyAsync(() -> Jload.run("run", "-q", "--sandbox", "--dashboard",
                "--dashboard-port", String.valueOf(port), "-u", "3", "-d", "10s", ECHO.toString()));
        String url = "http://127.0.0.1:" + port + "/";
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) { // the run starts its dashboard once the script is loaded
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200) break;
            } catch (java.io.IOException notYet) {
                if (System.nanoTime() > deadline || running.isDone()) throw new AssertionError("no dashboard at " + url + ": " + (running.isDone() ? running.get() : ""));
                Thread.sleep(100);
            }
        }
        try (browser) {
            browser.open(url);
            try {
                browser.waitFor("window.jloadReport && window.jloadReport.updates >= 1", Duration.ofSeconds(20));
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "; page " + browser.eval("location.href + ' ' + document.readyState + ' ' + document.title + ' ' + document.body.innerText.slice(0, 200)")
                        + ", run: " + (running.isDone() ? running.get() : "going"), e);
            }
            // An update per interval (1 s) once the test has started (the page may open during VU init and warm-up).
            browser.waitFor("window.jloadReport.charts.length >= 6 && window.jloadReport.deltas >= 1", Duration.ofSeconds(20));
            int updates = browser.eval("window.jloadReport.updates").asInt();
            int deltas = browser.eval("window.jloadReport.deltas").asInt();
            int made = browser.eval("window.jloadReport.made").asInt();
            int vuPoints = browser.eval("window.jloadReport.charts[0].points").asInt();
            browser.waitFor("window.jloadReport.updates >= " + (updates + 2), Duration.ofSeconds(10));
            assertTrue(browser.eval("window.jloadReport.charts[0].points").asInt() > vuPoints, "the VU chart grows as the run goes");
            assertTrue(browser.eval("window.jloadReport.deltas").asInt() >= deltas + 2, "each update only what was new");
            assertEquals(made, browser.eval("window.jloadReport.made").asInt(), "the charts are updated in place, not made anew");
            assertChartsDrawn(browser, 6);
            assertPageHoldsWhatTheServerHas(browser, http, url);
            screenshot(browser, "dashboard.jpg");
            // A page of another site that rebinds its name to 127.0.0.1 gets nothing.
            try (java.net.Socket raw = new java.net.Socket("127.0.0.1", port)) {
                raw.getOutputStream().write(("GET / HTTP/1.1\r\nHost: rebound.example:" + port + "\r\nConnection: close\r\n\r\n")
                        .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                String status = new java.io.BufferedReader(new java.io.InputStreamReader(raw.getInputStream())).readLine();
                assertTrue(status != null && status.contains(" 403"), "status: " + status);
            }
            Jload.Result r = running.get();
            assertEquals(0, r.exitCode(), r::toString);
            browser.waitFor("!!document.querySelector('.live.done')", Duration.ofSeconds(10)); // the final event: the run's verdict
            assertTrue(browser.eval("document.querySelector('.banner').textContent").asText().contains("thresholds held"));
            assertTrue(browser.errors().isEmpty(), browser.errors().toString());
        }
    }

    /**
     * What a page put together from updates is what a page opened now is given whole: the same intervals, and the same
     * values in each, for the intervals both have (the run may have moved on in between).
     */
    private static void assertPageHoldsWhatTheServerHas(HeadlessChromium browser, HttpClient http, String url) throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        JsonNode merged = json.readTree(browser.eval("JSON.stringify(window.jloadReport.model())").asText());
        String html = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body();
        String open = "<script id=\"jload-data\" type=\"application/json\">";
        int from = html.indexOf(open) + open.length();
        JsonNode whole = json.readTree(html.substring(from, html.indexOf("</script>", from))).path("runs").get(0);
        int n = merged.path("times").size();
        assertTrue(n >= 3 && whole.path("times").size() >= n, "intervals: page " + n + ", server " + whole.path("times").size());
        for (String series : new String[] {"/times", "/gauges/vus", "/counters/iterations", "/trends/ws_rtt/p99", "/trends/ws_rtt/count",
                "/rates/checks/passes"}) {
            JsonNode a = merged.at(series), b = whole.at(series);
            assertTrue(a.isArray() && a.size() == n, series + ": " + a);
            for (int i = 0; i < n; i++) { // JavaScript writes 3.0 as 3: numbers compared as numbers
                assertEquals(b.get(i).isNull(), a.get(i).isNull(), series + "[" + i + "]: page " + a + ", server " + b);
                assertEquals(b.get(i).asDouble(), a.get(i).asDouble(), 0, series + "[" + i + "]: page " + a + ", server " + b);
            }
        }
        assertEquals(whole.path("intervalsCut"), merged.path("intervalsCut"));
    }

    /** An interval of a made-up run: 2 iterations, a check, and from the 6th interval on an error counter too. */
    private static JsonNode interval(com.fasterxml.jackson.databind.ObjectMapper json, int i) throws Exception {
        String errors = i >= 5 ? ", {\"metric\": \"ws_errors\", \"type\": \"counter\", \"tags\": {\"kind\": \"reset\"}, \"value\": " + i + "}" : "";
        return json.readTree("""
                {"start": %d, "end": %d, "series": [
                  {"metric": "vus", "type": "gauge", "tags": {}, "value": %d},
                  {"metric": "iterations", "type": "counter", "tags": {}, "value": 2},
                  {"metric": "checks", "type": "rate", "tags": {"check": "ok"}, "passes": %d, "fails": 1}%s]}
                """.formatted(10_000 + i * 1000L, 11_000 + i * 1000L, i, i, errors));
    }

    @Test
    void aPageThatTakesUpdatesHoldsWhatThePageOfTheWholeWindowHolds() throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        jload.engine.report.ReportModel model = new jload.engine.report.ReportModel(json.createObjectNode().put("script", "x.js"), 1000);
        com.fasterxml.jackson.databind.node.ObjectNode rtt = json.createObjectNode().put("metric", "ws_rtt").put("contains", "time");
        rtt.putObject("tags");
        model.addLog("rtt", rtt);
        int window = 6;
        // The stalls as the dashboard has them at each step; the loop stall at 13.5 s goes (a GC pause's echo, the
        // pause's notice late) while it is still recent, one at 16.2 s comes after the page has that interval.
        String early = "{\"kind\": \"gc\", \"start\": 11500, \"durationMillis\": 40, \"detail\": \"a\"}";
        String echo = "{\"kind\": \"loop\", \"start\": 13500, \"durationMillis\": 20, \"detail\": \"echo\"}";
        String pause = "{\"kind\": \"gc\", \"start\": 13490, \"durationMillis\": 30, \"detail\": \"b\"}";
        String late = "{\"kind\": \"hiccup\", \"start\": 16200, \"durationMillis\": 15, \"detail\": \"c\"}";
        // A loop held up for 4 s, recorded when it ended: after the page had the intervals it began in.
        String longOne = "{\"kind\": \"loop\", \"start\": 12000, \"durationMillis\": 4000, \"detail\": \"d\"}";
        java.util.List<String> updates = new java.util.ArrayList<>();
        int has = 0;
        // Updates after intervals 2, 3, 5, 8 and 9: some carry one new interval, some several; the window (6) moves on.
        for (int i = 0; i < 9; i++) {
            org.HdrHistogram.Histogram h = new org.HdrHistogram.Histogram(3);
            h.recordValue(1000L * (i + 1));
            model.addInterval(interval(json, i), java.util.Map.of("rtt", h));
            int n = i + 1;
            model.setStalls(json.readTree("[" + early + (n >= 4 && n < 8 ? "," + echo : "") + (n >= 5 ? "," + pause : "") + (n >= 8 ? "," + late + "," + longOne : "") + "]"));
            if (n == 2 || n == 3 || n == 5 || n == 8 || n == 9) {
                updates.add(model.toJson(window, has).toString());
                has = n;
            }
        }
        JsonNode whole = model.toJson(window);
        java.nio.file.Path page = dir.resolve("live.html");
        Files.writeString(page, jload.engine.report.HtmlPage.live(json.readValue(updates.getFirst(), com.fasterxml.jackson.databind.node.ObjectNode.class), true));
        try (HeadlessChromium browser = HeadlessChromium.start(chromium, 1000, 800)) {
            browser.open(page.toUri().toString());
            browser.waitFor("window.jloadReport && window.jloadReport.ready", Duration.ofSeconds(20));
            JsonNode merged = json.readTree(browser.eval("(() => { const updates = " + json.writeValueAsString(updates) + ".map((u) => JSON.parse(u));"
                    + " let m = updates[0]; for (const u of updates.slice(1)) m = window.jloadReport.merge(m, u); return JSON.stringify(m); })()").asText());
            assertEquals(4, browser.eval("window.jloadReport.deltas").asInt(), "every update after the first followed on");
            for (String part : new String[] {"/times", "/gauges", "/counters", "/errors", "/rates", "/trends", "/stalls", "/intervalsCut", "/start"}) {
                assertEquals(json.readTree(whole.at(part).toString().replace(".0,", ",").replace(".0]", "]")),
                        json.readTree(merged.at(part).toString().replace(".0,", ",").replace(".0]", "]")), part);
            }
            assertEquals("[b, c, d]", merged.findValuesAsText("detail").toString(),
                    "the echo gone, the late and the long one there, the early one out of the window");
            assertEquals(3, merged.path("intervalsCut").asInt());
        }
    }
}
