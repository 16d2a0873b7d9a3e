package jload.engine.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PresenceEndpointTest extends SandboxTestSupport {

    private TestClient presence(String user) {
        return connect("/ws/presence?token=" + sandbox.sampleToken(user, Duration.ofMinutes(5)));
    }

    @Test
    void aValidTokenIsAcceptedAndEveryoneHearsWhoCameOnline() {
        try (TestClient alice = presence("alice")) {
            JsonNode aliceOnline = alice.nextStampedJson();
            assertEquals("presence", aliceOnline.path("type").asText());
            assertEquals("alice", aliceOnline.path("user").asText());
            assertEquals(1, aliceOnline.path("online").asInt());

            try (TestClient bob = presence("bob")) {
                for (TestClient client : new TestClient[] {alice, bob}) {
                    JsonNode bobOnline = client.nextStampedJson();
                    assertEquals("presence", bobOnline.path("type").asText());
                    assertEquals("bob", bobOnline.path("user").asText());
                    assertEquals(2, bobOnline.path("online").asInt());
                }

                bob.sendJson("{\"type\":\"typing\"}");
                JsonNode typing = alice.nextStampedJson();
                assertEquals("typing", typing.path("type").asText());
                assertEquals("bob", typing.path("user").asText());

                // The typist is not told about himself: his next message is the answer to his ping.
                bob.sendJson("{\"type\":\"ping\"}");
                assertEquals("pong", bob.nextStampedJson().path("type").asText());
            }
            JsonNode bobOffline = alice.nextStampedJson();
            assertEquals("bob", bobOffline.path("user").asText());
            assertEquals(1, bobOffline.path("online").asInt());
        }
    }

    @Test
    void pingIsAnsweredWithPong() {
        try (TestClient client = presence("carol")) {
            client.nextStampedJson();
            client.sendJson("{\"type\":\"ping\"}");
            assertEquals("pong", client.nextStampedJson().path("type").asText());
            client.sendJson("{\"type\":\"shout\"}");
            assertEquals("error", client.nextStampedJson().path("type").asText());
        }
    }

    @Test
    void aBearerHeaderWorksForClientsThatCanSetOne() {
        String token = sandbox.sampleToken("dave", Duration.ofMinutes(5));
        try (TestClient client = TestClient.connect(http, ws("/ws/presence"), b -> b.header("Authorization", "Bearer " + token))) {
            assertEquals("dave", client.nextStampedJson().path("user").asText());
        }
    }

    @Test
    void missingBadForgedOrExpiredTokensGet401() {
        String forged = new Hs256Jwt("not-the-sandbox-secret").sign("mallory", Instant.now(), Instant.now().plusSeconds(60));
        String expired = sandbox.sampleToken("late", Duration.ofMinutes(-1));
        String valid = sandbox.sampleToken("erin", Duration.ofMinutes(5));
        String tampered = valid.substring(0, valid.length() - 2) + (valid.endsWith("A") ? "BB" : "AA");
        for (String query : new String[] {"", "?token=", "?token=garbage", "?token=a.b.c", "?token=" + forged,
                "?token=" + expired, "?token=" + tampered}) {
            assertEquals(401, TestClient.rejectedUpgradeStatus(http, ws("/ws/presence" + query)), "for " + query);
        }
    }
}
