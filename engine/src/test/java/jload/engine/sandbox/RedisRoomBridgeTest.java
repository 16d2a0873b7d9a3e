package jload.engine.sandbox;

import jload.engine.proto.redis.RedisServerProcess;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Rooms fed from a Redis channel (a redis-server of the test's own): delivery, what is dropped, an outage survived. */
class RedisRoomBridgeTest {
    private RedisServerProcess redis;
    private SandboxServer sandbox;
    private HttpClient http;

    @BeforeEach
    void start() throws Exception {
        redis = RedisServerProcess.start();
        sandbox = SandboxServer.start(SandboxConfig.defaults().withRedis(redis.url(), "events"));
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterEach
    void stop() {
        if (http != null) http.close();
        if (sandbox != null) sandbox.close();
        if (redis != null) redis.close();
    }

    @Test
    void aPublishedRoomEventReachesTheRoomsMembersAndOnlyThem() throws Exception {
        try (TestClient member = TestClient.connect(http, URI.create(sandbox.wsBase() + "/ws/rooms"));
             TestClient other = TestClient.connect(http, URI.create(sandbox.wsBase() + "/ws/rooms"))) {
            member.sendJson("{\"type\":\"join\",\"room\":\"r1\"}");
            member.nextStampedJson();
            other.sendJson("{\"type\":\"join\",\"room\":\"r2\"}");
            other.nextStampedJson();

            assertEquals(1, publish("events", "{\"room\":\"r1\",\"n\":7,\"_jload_stamp\":\"s1\"}"), "the sandbox is the channel's subscriber");
            publish("events", "not json");
            publish("events", "{\"n\":8}");
            JsonNode got = member.nextStampedJson();
            assertEquals("message", got.path("type").asText(), got.toString());
            assertEquals("redis", got.path("from").asText());
            assertEquals(7, got.path("data").path("n").asInt(), "the published object is the data, whole: " + got);
            assertEquals("s1", got.path("data").path("_jload_stamp").asText(), "a stamp survives: " + got);
            other.expectNothingFor(Duration.ofMillis(300));
            member.expectNothingFor(Duration.ofMillis(100));
        }
        String metrics = metrics();
        assertTrue(metrics.contains("sandbox_redis_messages_total{channel=\"events\",outcome=\"delivered\"} 1"), metrics);
        assertTrue(metrics.contains("sandbox_redis_messages_total{channel=\"events\",outcome=\"not_json_object\"} 1"), metrics);
        assertTrue(metrics.contains("sandbox_redis_messages_total{channel=\"events\",outcome=\"no_room\"} 1"), metrics);
        assertTrue(metrics.contains("sandbox_redis_connected{channel=\"events\"} 1"), metrics);
    }

    @Test
    void afterARedisRestartTheBridgeSubscribesAgainAndSaysSo() throws Exception {
        redis.stop();
        assertTrue(waitForMetric("sandbox_redis_connected{channel=\"events\"} 0"), metrics());
        redis.startAgain();
        assertTrue(waitForMetric("sandbox_redis_reconnects_total{channel=\"events\"} 1"), metrics());
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (publish("events", "{\"room\":\"r\"}") < 1 && System.nanoTime() < deadline) Thread.sleep(50);
        assertTrue(waitForMetric("outcome=\"delivered\"} 1"), "delivered once subscribed again: " + metrics());
    }

    private boolean waitForMetric(String line) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            if (metrics().contains(line)) return true;
            Thread.sleep(50);
        }
        return false;
    }

    private String metrics() throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(sandbox.httpBase() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    /** PUBLISH over RESP, as redis-cli would: how many subscribers received it. */
    private long publish(String channel, String message) throws Exception {
        try (Socket s = new Socket("127.0.0.1", redis.port())) {
            StringBuilder command = new StringBuilder("*3\r\n");
            for (String part : new String[] {"PUBLISH", channel, message}) {
                command.append('$').append(part.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(part).append("\r\n");
            }
            s.getOutputStream().write(command.toString().getBytes(StandardCharsets.UTF_8));
            byte[] reply = new byte[32];
            int n = s.getInputStream().read(reply);
            String text = new String(reply, 0, Math.max(0, n), StandardCharsets.US_ASCII);
            return text.startsWith(":") ? Long.parseLong(text.substring(1).trim()) : -1;
        } catch (java.io.IOException e) {
            return -1;
        }
    }
}
