package jload.engine.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Seed 002's ingestor and the login in the sandbox: what they accept, refuse, and count. */
class SandboxIngestTest extends SandboxTestSupport {
    private static final ObjectMapper JSON = new ObjectMapper();

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(httpUri(path)).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
    }

    private String get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(httpUri(path)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    void messagesAreQueuedRefusedWithAReasonAndCounted() throws Exception {
        HttpResponse<String> ok = post("/ingest", "{\"user_id\":7,\"content\":\"hi\"}");
        assertEquals(202, ok.statusCode(), ok.body());
        assertTrue(JSON.readTree(ok.body()).path("id").asLong() > 0, ok.body());
        HttpResponse<String> bad = post("/ingest", "{not json");
        assertEquals(400, bad.statusCode());
        assertEquals("malformed JSON; expected a JSON object", JSON.readTree(bad.body()).path("error").asText());
        HttpResponse<String> injected = post("/ingest?fail=1", "{}");
        assertEquals(503, injected.statusCode(), injected.body());
        long t0 = System.nanoTime();
        assertEquals(202, post("/ingest?delay=300", "{}").statusCode());
        assertTrue(System.nanoTime() - t0 >= Duration.ofMillis(300).toNanos(), "?delay held the answer");

        JsonNode stats = JSON.readTree(get("/ingest/stats"));
        assertEquals(2, stats.path("accepted").asInt(), stats.toString());
        assertEquals(1, stats.path("rejected").path("malformed").asInt(), stats.toString());
        assertEquals(1, stats.path("rejected").path("injected").asInt(), stats.toString());
        String metrics = get("/metrics");
        assertTrue(metrics.contains("sandbox_ingest_accepted_total 2"), metrics);
        assertTrue(metrics.contains("sandbox_ingest_rejected_total{reason=\"malformed\"} 1"), metrics);
        assertTrue(metrics.contains("sandbox_ingest_queue_length "), metrics);
    }

    @Test
    void aLoginGivesATokenThePresenceEndpointTakes() throws Exception {
        HttpResponse<String> login = post("/login", "{\"user\":\"ann\"}");
        assertEquals(200, login.statusCode(), login.body());
        String token = JSON.readTree(login.body()).path("token").asText();
        try (TestClient presence = connect("/ws/presence?token=" + token)) {
            presence.sendJson("{\"type\":\"ping\"}");
            boolean ponged = false;
            for (int i = 0; i < 5 && !ponged; i++) ponged = "pong".equals(presence.nextStampedJson().path("type").asText());
            assertTrue(ponged);
        }
        assertEquals(400, post("/login", "{}").statusCode());
    }
}
