package jload.engine.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RoomsEndpointTest extends SandboxTestSupport {
    private static final Duration QUIET = Duration.ofMillis(300);

    @Test
    void broadcastReachesEveryMemberIncludingTheSender() {
        try (TestClient alice = connect("/ws/rooms"); TestClient bob = connect("/ws/rooms")) {
            alice.sendJson("{\"type\":\"join\",\"room\":\"lobby\"}");
            JsonNode aliceJoined = alice.nextStampedJson();
            assertEquals("joined", aliceJoined.path("type").asText());
            assertEquals("lobby", aliceJoined.path("room").asText());
            assertEquals(1, aliceJoined.path("members").asInt());

            bob.sendJson("{\"type\":\"join\",\"room\":\"lobby\"}");
            assertEquals(2, bob.nextStampedJson().path("members").asInt());

            alice.sendJson("{\"type\":\"broadcast\",\"room\":\"lobby\",\"data\":{\"seq\":1,\"text\":\"hi\"}}");
            JsonNode toAlice = alice.nextStampedJson();
            JsonNode toBob = bob.nextStampedJson();
            for (JsonNode message : new JsonNode[] {toAlice, toBob}) {
                assertEquals("message", message.path("type").asText());
                assertEquals("lobby", message.path("room").asText());
                assertEquals(1, message.path("data").path("seq").asInt());
                assertEquals("hi", message.path("data").path("text").asText());
            }
            String aliceId = toAlice.path("from").asText();
            assertTrue(aliceId.startsWith("conn-"), toAlice.toString());
            assertEquals(aliceId, toBob.path("from").asText());

            bob.sendJson("{\"type\":\"broadcast\",\"room\":\"lobby\",\"data\":[1,2]}");
            JsonNode fromBob = alice.nextStampedJson();
            assertEquals(fromBob.path("data"), bob.nextStampedJson().path("data"));
            assertEquals("[1,2]", fromBob.path("data").toString());
            assertNotEquals(aliceId, fromBob.path("from").asText());
        }
    }

    @Test
    void aMemberWhoLeftHearsNoMoreAndCannotBroadcast() {
        try (TestClient alice = connect("/ws/rooms"); TestClient bob = connect("/ws/rooms")) {
            alice.sendJson("{\"type\":\"join\",\"room\":\"r\"}");
            alice.nextStampedJson();
            bob.sendJson("{\"type\":\"join\",\"room\":\"r\"}");
            bob.nextStampedJson();

            bob.sendJson("{\"type\":\"leave\",\"room\":\"r\"}");
            JsonNode left = bob.nextStampedJson();
            assertEquals("left", left.path("type").asText());

            alice.sendJson("{\"type\":\"broadcast\",\"room\":\"r\",\"data\":\"after bob left\"}");
            assertEquals("after bob left", alice.nextStampedJson().path("data").asText());
            bob.expectNothingFor(QUIET);

            bob.sendJson("{\"type\":\"broadcast\",\"room\":\"r\",\"data\":1}");
            assertEquals("error", bob.nextStampedJson().path("type").asText());

            // A rejoin counts members afresh: bob is back, alice never left.
            bob.sendJson("{\"type\":\"join\",\"room\":\"r\"}");
            assertEquals(2, bob.nextStampedJson().path("members").asInt());
        }
    }

    @Test
    void aClosedConnectionLeavesItsRooms() {
        try (TestClient alice = connect("/ws/rooms")) {
            try (TestClient bob = connect("/ws/rooms")) {
                bob.sendJson("{\"type\":\"join\",\"room\":\"r\"}");
                assertEquals(1, bob.nextStampedJson().path("members").asInt());
            }
            // The server learns of bob's close asynchronously; poll, bounded, until the room is empty again.
            int members = -1;
            for (int attempt = 0; attempt < 50 && members != 1; attempt++) {
                alice.sendJson("{\"type\":\"join\",\"room\":\"r\"}");
                members = alice.nextStampedJson().path("members").asInt();
                if (members != 1) {
                    alice.sendJson("{\"type\":\"leave\",\"room\":\"r\"}");
                    alice.nextStampedJson();
                    sleep(Duration.ofMillis(50));
                }
            }
            assertEquals(1, members, "bob's membership outlived his connection");
        }
    }

    @Test
    void badInputIsAnsweredWithAnError() {
        try (TestClient client = connect("/ws/rooms")) {
            for (String bad : new String[] {
                    "not json {",
                    "[1,2,3]",
                    "{\"type\":\"dance\",\"room\":\"r\"}",
                    "{\"room\":\"r\"}",
                    "{\"type\":\"join\"}",
                    "{\"type\":\"broadcast\",\"room\":\"never-joined\",\"data\":1}",
                    "{\"type\":\"leave\",\"room\":\"never-joined\"}"}) {
                client.sendText(bad);
                JsonNode error = client.nextStampedJson();
                assertEquals("error", error.path("type").asText(), "for " + bad);
                assertTrue(!error.path("error").asText().isBlank(), "error without a description for " + bad);
            }
            client.sendBinary(new byte[] {1, 2, 3});
            assertEquals("error", client.nextStampedJson().path("type").asText());
            // Errors do not cost the connection.
            client.sendJson("{\"type\":\"join\",\"room\":\"still-here\"}");
            assertEquals("joined", client.nextStampedJson().path("type").asText());
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
