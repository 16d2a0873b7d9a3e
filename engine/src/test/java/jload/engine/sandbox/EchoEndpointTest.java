package jload.engine.sandbox;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EchoEndpointTest extends SandboxTestSupport {

    @Test
    void echoesTextUnchanged() {
        try (TestClient client = connect("/ws/echo")) {
            client.sendText("hello, sandbox ✓");
            assertEquals("hello, sandbox ✓", client.nextText());
            client.sendText("{\"n\":2}");
            assertEquals("{\"n\":2}", client.nextText());
        }
    }

    @Test
    void echoesBinaryUnchanged() {
        byte[] payload = new byte[70_000]; // larger than one TCP segment and than a 16-bit frame length
        for (int i = 0; i < payload.length; i++) payload[i] = (byte) (i * 31);
        try (TestClient client = connect("/ws/echo")) {
            client.sendBinary(payload);
            assertArrayEquals(payload, client.nextBinary());
        }
    }

    @Test
    void closesAfterTheNthMessageWithTheRequestedDefaultCode() {
        try (TestClient client = connect("/ws/echo?closeAfter=2&closeReason=test+over")) {
            client.sendText("one");
            assertEquals("one", client.nextText());
            client.sendText("two");
            assertEquals("two", client.nextText());
            TestClient.Close close = client.awaitClose();
            assertEquals(1011, close.code());
            assertEquals("test over", close.reason());
        }
    }

    @Test
    void closesWithACustomCodeAndCountsBinaryMessagesToo() {
        try (TestClient client = connect("/ws/echo?closeAfter=1&closeCode=4001&closeReason=bye")) {
            client.sendBinary("x".getBytes(StandardCharsets.UTF_8));
            client.nextBinary();
            TestClient.Close close = client.awaitClose();
            assertEquals(4001, close.code());
            assertEquals("bye", close.reason());
        }
    }

    @Test
    void rejectsCloseHooksThatCannotBeHonoured() {
        assertEquals(400, TestClient.rejectedUpgradeStatus(http, ws("/ws/echo?closeAfter=0")));
        assertEquals(400, TestClient.rejectedUpgradeStatus(http, ws("/ws/echo?closeAfter=1&closeCode=1005")));
        assertEquals(400, TestClient.rejectedUpgradeStatus(http, ws("/ws/echo?closeAfter=many")));
    }
}
