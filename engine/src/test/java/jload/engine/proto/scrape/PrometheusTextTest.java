package jload.engine.proto.scrape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.stream.Collectors;
import jload.engine.sandbox.SandboxServer;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {
    private static Map<String, Double> byKey(PrometheusText t) {
        return t.series().stream().collect(Collectors.toMap(Series::key, Series::value, (a, b) -> b, java.util.LinkedHashMap::new));
    }

    @Test
    void readsTheExpositionFormatAsPrometheusWritesIt() {
        PrometheusText t = PrometheusText.parse("""
                # HELP http_requests_total The total number of HTTP requests.\\nSecond line, a \\\\ backslash.
                # TYPE http_requests_total counter
                http_requests_total{method="post",code="200"} 1027 1395066363000
                http_requests_total{code="400",method="post",} 3 1395066363000

                # A comment that is neither HELP nor TYPE.
                msdos_file_access_time_seconds{path="C:\\\\DIR\\\\FILE.TXT",error="Cannot find file:\\n\\"FILE.TXT\\""} 1.458255915e9
                metric_without_timestamp_and_labels 12.47
                something_weird{problem="division by zero"} +Inf -3982045
                not_a_number NaN
                # TYPE http_request_duration_seconds histogram
                http_request_duration_seconds_bucket{le="0.05"} 24054
                http_request_duration_seconds_bucket{le="+Inf"} 144320
                http_request_duration_seconds_sum 53423
                http_request_duration_seconds_count 144320
                """);
        Map<String, Double> v = byKey(t);
        assertEquals(1027, v.get("http_requests_total{code=\"200\",method=\"post\"}"));
        assertEquals(3, v.get("http_requests_total{code=\"400\",method=\"post\"}"), "a trailing comma in the labels is allowed");
        Series msdos = t.series().get(2);
        assertEquals("C:\\DIR\\FILE.TXT", msdos.labels().get("path"));
        assertEquals("Cannot find file:\n\"FILE.TXT\"", msdos.labels().get("error"));
        assertEquals(1.458255915e9, msdos.value());
        assertEquals("msdos_file_access_time_seconds{error=\"Cannot find file:\\n\\\"FILE.TXT\\\"\",path=\"C:\\\\DIR\\\\FILE.TXT\"}", msdos.key(),
                "the key escapes as the format does, so it reads back the same");
        assertEquals(12.47, v.get("metric_without_timestamp_and_labels"));
        assertEquals(Double.POSITIVE_INFINITY, v.get("something_weird{problem=\"division by zero\"}"));
        assertTrue(Double.isNaN(v.get("not_a_number")));
        assertEquals(144320, v.get("http_request_duration_seconds_bucket{le=\"+Inf\"}"));
        assertEquals("counter", t.types().get("http_requests_total"));
        assertEquals("histogram", t.types().get("http_request_duration_seconds"));
        assertEquals("The total number of HTTP requests.\nSecond line, a \\ backslash.", t.help().get("http_requests_total"));
        assertEquals(10, t.series().size());
    }

    @Test
    void textThatIsNotTheFormatIsRefusedAtItsLineAndColumn() {
        assertEquals("2:14: expected ',' or '}' after label a, found 'b'",
                assertThrows(PrometheusFormatException.class, () -> PrometheusText.parse("ok 1\nbroken{a=\"1\" b=\"2\"} 5")).getMessage());
        assertEquals("1:3: expected the sample's value (a number, +Inf, -Inf or NaN), found '1'",
                assertThrows(PrometheusFormatException.class, () -> PrometheusText.parse("m 1x")).getMessage());
        assertEquals("1:5: expected a quoted value for label a, found '1'",
                assertThrows(PrometheusFormatException.class, () -> PrometheusText.parse("m{a=1} 2")).getMessage());
        assertTrue(assertThrows(PrometheusFormatException.class, () -> PrometheusText.parse("# TYPE m countr")).getMessage()
                .contains("expected counter, gauge, histogram, summary or untyped"));
        assertTrue(assertThrows(PrometheusFormatException.class, () -> PrometheusText.parse("m{a=\"open} 1")).getMessage()
                .startsWith("1:5: expected a label value closed by '\"'"));
        assertTrue(assertThrows(PrometheusFormatException.class, () -> PrometheusText.parse("m 1 2 3")).getMessage()
                .contains("expected the end of the line"));
    }

    @Test
    void theSandboxsOwnMetricsPageParses() throws Exception {
        try (SandboxServer sandbox = SandboxServer.start(0, 0, SandboxServer.DEFAULT_SECRET)) {
            String page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(sandbox.httpBase() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            PrometheusText t = PrometheusText.parse(page);
            assertEquals(0, byKey(t).get("sandbox_connections{endpoint=\"echo\"}"), page);
            assertEquals("counter", t.types().get("sandbox_socketio_refusals_total"));
        }
    }
}
