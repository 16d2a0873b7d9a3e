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
            int updates = browser.eval("window.jloadReport.updates").asInt();
            int vuPoints = browser.eval("window.jloadReport.charts[0].points").asInt();
            // An update per interval (1 s) once the test has started (the page may open during VU init and warm-up).
            browser.waitFor("window.jloadReport.updates >= " + (updates + 2), Duration.ofSeconds(10));
            assertTrue(browser.eval("window.jloadReport.charts[0].points").asInt() > vuPoints, "the VU chart grows as the run goes");
            assertChartsDrawn(browser, 6);
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
}
