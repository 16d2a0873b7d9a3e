package jload.engine.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.BindException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.extensions.permessage_deflate.PerMessageDeflateExtension;
import org.java_websocket.handshake.ServerHandshake;
import org.junit.jupiter.api.Test;

class SandboxServerTest extends SandboxTestSupport {

    @Test
    void basesAreLoopbackUrisWithoutATrailingSlash() {
        assertTrue(sandbox.wsBase().toString().matches("ws://127\\.0\\.0\\.1:\\d+"), sandbox.wsBase().toString());
        assertTrue(sandbox.httpBase().toString().matches("http://127\\.0\\.0\\.1:\\d+"), sandbox.httpBase().toString());
    }

    @Test
    void theFirstOfferedSubprotocolIsAccepted() {
        try (TestClient client = TestClient.connect(http, ws("/ws/echo"), b -> b.subprotocols("chat.v2", "chat.v1"))) {
            assertEquals("chat.v2", client.socket.getSubprotocol());
            client.sendText("with subprotocol");
            assertEquals("with subprotocol", client.nextText());
        }
        try (TestClient client = connect("/ws/echo")) {
            assertEquals("", client.socket.getSubprotocol());
        }
    }

    @Test
    void closeClosesOpenClientSocketsWithGoingAway() {
        TestClient client = connect("/ws/echo");
        long started = System.nanoTime();
        sandbox.close();
        TestClient.Close close = client.awaitClose();
        assertEquals(1001, close.code());
        assertTrue(Duration.ofNanos(System.nanoTime() - started).compareTo(Duration.ofSeconds(4)) < 0, "close() was slow");
        client.close();
        // Both listeners are gone.
        Exception wsRefused = assertThrows(Exception.class,
                () -> http.newWebSocketBuilder().buildAsync(ws("/ws/echo"), new java.net.http.WebSocket.Listener() {})
                        .get(5, TimeUnit.SECONDS));
        assertTrue(causedBy(wsRefused, ConnectException.class), "WebSocket listener still answers: " + wsRefused);
        HttpRequest health = HttpRequest.newBuilder(httpUri("/health")).timeout(Duration.ofSeconds(5)).build();
        assertThrows(ConnectException.class, () -> http.send(health, HttpResponse.BodyHandlers.ofString()));
        sandbox.close(); // idempotent
    }

    @Test
    void aTakenPortIsReportedAsABindException() {
        int wsPort = sandbox.wsBase().getPort();
        int httpPort = sandbox.httpBase().getPort();
        BindException wsTaken = assertThrows(BindException.class, () -> SandboxServer.start(wsPort, 0, "s").close());
        assertTrue(wsTaken.getMessage().contains(String.valueOf(wsPort)), wsTaken.getMessage());
        BindException httpTaken = assertThrows(BindException.class, () -> SandboxServer.start(0, httpPort, "s").close());
        assertTrue(httpTaken.getMessage().contains(String.valueOf(httpPort)), httpTaken.getMessage());
    }

    @Test
    void permessageDeflateIsNegotiatedWithClientsThatAskForIt() throws Exception {
        String compressible = "realtime ".repeat(2_000);
        CompletableFuture<String> echoed = new CompletableFuture<>();
        WebSocketClient client = new WebSocketClient(ws("/ws/echo"), new Draft_6455(new PerMessageDeflateExtension())) {
            @Override public void onOpen(ServerHandshake handshake) {}
            @Override public void onMessage(String message) { echoed.complete(message); }
            @Override public void onMessage(ByteBuffer bytes) {}
            @Override public void onClose(int code, String reason, boolean remote) {
                echoed.completeExceptionally(new AssertionError("closed " + code + " " + reason));
            }
            @Override public void onError(Exception ex) { echoed.completeExceptionally(ex); }
        };
        try {
            assertTrue(client.connectBlocking(5, TimeUnit.SECONDS), "deflate client could not connect");
            // getConnection(): the client's getDraft() is the template it was built with, not the negotiated copy.
            Draft_6455 negotiated = assertInstanceOf(Draft_6455.class, client.getConnection().getDraft());
            assertInstanceOf(PerMessageDeflateExtension.class, negotiated.getExtension());
            client.send(compressible);
            assertEquals(compressible, echoed.get(5, TimeUnit.SECONDS));
        } finally {
            client.closeBlocking();
        }
    }

    @Test
    void theDefaultSecretSignsTokensTheServerAccepts() throws Exception {
        String token = sandbox.sampleToken("frank", Duration.ofHours(24));
        assertEquals("frank", new Hs256Jwt(SandboxServer.DEFAULT_SECRET).verify(token, java.time.Instant.now()));
        try (SandboxServer other = SandboxServer.start(0, 0, "another-secret");
                HttpClient client = HttpClient.newHttpClient()) {
            URI presence = URI.create(other.wsBase() + "/ws/presence?token=" + token);
            assertEquals(401, TestClient.rejectedUpgradeStatus(client, presence));
        }
    }

    private static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
        Throwable cause = error;
        for (int depth = 0; depth < 10 && cause != null; depth++, cause = cause.getCause()) {
            if (type.isInstance(cause)) return true;
        }
        return false;
    }
}
