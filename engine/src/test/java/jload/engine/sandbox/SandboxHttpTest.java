package jload.engine.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SandboxHttpTest extends SandboxTestSupport {

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(httpUri(path)).timeout(Duration.ofSeconds(5)).GET().build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Samples by their full series name, e.g. {@code sandbox_connections{endpoint="echo"}}. */
    private Map<String, Long> metrics() throws IOException, InterruptedException {
        HttpResponse<String> response = get("/metrics");
        assertEquals(200, response.statusCode());
        Map<String, Long> samples = new HashMap<>();
        for (String line : response.body().split("\n")) {
            if (line.isBlank() || line.startsWith("#")) continue;
            int space = line.lastIndexOf(' ');
            samples.put(line.substring(0, space), Long.parseLong(line.substring(space + 1)));
        }
        return samples;
    }

    /** Counters are bumped just after a send returns, so a client can see a message a moment before its count. */
    private void awaitMetric(String series, long expected) throws IOException, InterruptedException {
        Long actual = null;
        for (int attempt = 0; attempt < 100; attempt++) {
            actual = metrics().get(series);
            if (actual != null && actual == expected) return;
            Thread.sleep(50);
        }
        fail(series + " was " + actual + ", expected " + expected);
    }

    @Test
    void healthSaysOk() throws Exception {
        HttpResponse<String> response = get("/health");
        assertEquals(200, response.statusCode());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
        assertEquals("{\"status\":\"ok\"}", response.body());
    }

    @Test
    void unknownPathsAre404() throws Exception {
        assertEquals(404, get("/").statusCode());
        assertEquals(404, get("/ws/echo").statusCode());
        assertEquals(404, get("/healthz").statusCode());
    }

    @Test
    void metricsArePrometheusTextWithHelpAndType() throws Exception {
        HttpResponse<String> response = get("/metrics");
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
        String body = response.body();
        for (String name : new String[] {"sandbox_connections", "sandbox_connections_total", "sandbox_messages_total",
                "sandbox_rejected_upgrades_total"}) {
            assertTrue(body.contains("# HELP " + name + " "), "no HELP for " + name);
            assertTrue(body.contains("# TYPE " + name + " "), "no TYPE for " + name);
        }
        assertTrue(body.contains("# TYPE sandbox_connections gauge"));
        assertTrue(body.contains("# TYPE sandbox_messages_total counter"));
        assertEquals(0L, metrics().get("sandbox_connections{endpoint=\"presence\"}"));
    }

    @Test
    void metricsCountConnectionsMessagesAndRejections() throws Exception {
        try (TestClient first = connect("/ws/echo"); TestClient second = connect("/ws/echo")) {
            for (int i = 0; i < 3; i++) {
                first.sendText("m" + i);
                first.nextText();
            }
            second.sendBinary(new byte[] {42});
            second.nextBinary();
            awaitMetric("sandbox_connections{endpoint=\"echo\"}", 2);
            awaitMetric("sandbox_connections_total{endpoint=\"echo\"}", 2);
            awaitMetric("sandbox_messages_total{endpoint=\"echo\",direction=\"in\"}", 4);
            awaitMetric("sandbox_messages_total{endpoint=\"echo\",direction=\"out\"}", 4);
        }
        try (TestClient rooms = connect("/ws/rooms")) {
            rooms.sendJson("{\"type\":\"join\",\"room\":\"r\"}");
            rooms.nextJson();
            awaitMetric("sandbox_messages_total{endpoint=\"rooms\",direction=\"in\"}", 1);
            awaitMetric("sandbox_messages_total{endpoint=\"rooms\",direction=\"out\"}", 1);
        }
        awaitMetric("sandbox_connections{endpoint=\"echo\"}", 0);
        awaitMetric("sandbox_connections{endpoint=\"rooms\"}", 0);
        awaitMetric("sandbox_connections_total{endpoint=\"echo\"}", 2);

        TestClient.rejectedUpgradeStatus(http, ws("/ws/presence"));
        TestClient.rejectedUpgradeStatus(http, ws("/ws/presence?token=bad"));
        TestClient.rejectedUpgradeStatus(http, ws("/nowhere"));
        awaitMetric("sandbox_rejected_upgrades_total{status=\"401\"}", 2);
        awaitMetric("sandbox_rejected_upgrades_total{status=\"404\"}", 1);
        // Rejected upgrades never count as connections.
        awaitMetric("sandbox_connections_total{endpoint=\"presence\"}", 0);
    }
}
