package jload.engine.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class UpgradeRejectionTest extends SandboxTestSupport {

    @Test
    void rejectEndpointAnswersWithTheRequestedStatus() {
        assertEquals(429, TestClient.rejectedUpgradeStatus(http, ws("/ws/reject?status=429")));
        assertEquals(401, TestClient.rejectedUpgradeStatus(http, ws("/ws/reject?status=401")));
        assertEquals(200, TestClient.rejectedUpgradeStatus(http, ws("/ws/reject?status=200")));
    }

    @Test
    void rejectEndpointDefaultsTo503() {
        assertEquals(503, TestClient.rejectedUpgradeStatus(http, ws("/ws/reject")));
    }

    @Test
    void rejectEndpointRefusesStatusesThatWouldNotReadAsARejection() {
        assertEquals(400, TestClient.rejectedUpgradeStatus(http, ws("/ws/reject?status=101")));
        assertEquals(400, TestClient.rejectedUpgradeStatus(http, ws("/ws/reject?status=abc")));
    }

    @Test
    void unknownPathsGet404() {
        assertEquals(404, TestClient.rejectedUpgradeStatus(http, ws("/ws/nope")));
        assertEquals(404, TestClient.rejectedUpgradeStatus(http, ws("/")));
    }

    @Test
    void theServerKeepsServingAfterRejections() {
        for (int i = 0; i < 5; i++) TestClient.rejectedUpgradeStatus(http, ws("/ws/reject?status=503"));
        try (TestClient client = connect("/ws/echo/")) {
            client.sendText("still up");
            assertEquals("still up", client.nextText());
        }
    }
}
