package jload.engine.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;

/** A JDK WebSocket client for the tests that records what the server sends, with bounded waits everywhere. */
final class TestClient implements AutoCloseable {
    static final Duration TIMEOUT = Duration.ofSeconds(5);
    static final ObjectMapper JSON = new ObjectMapper();

    record Close(int code, String reason) {}

    final WebSocket socket;
    private final Recorder recorder;

    private TestClient(WebSocket socket, Recorder recorder) {
        this.socket = socket;
        this.recorder = recorder;
    }

    static TestClient connect(HttpClient http, URI uri) {
        return connect(http, uri, b -> b);
    }

    static TestClient connect(HttpClient http, URI uri, UnaryOperator<WebSocket.Builder> configure) {
        Recorder recorder = new Recorder();
        try {
            WebSocket socket = configure.apply(http.newWebSocketBuilder().connectTimeout(TIMEOUT))
                    .buildAsync(uri, recorder).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return new TestClient(socket, recorder);
        } catch (ExecutionException e) {
            throw new AssertionError("could not connect to " + uri + ": " + e.getCause(), e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError("could not connect to " + uri + " in time", e);
        }
    }

    /** The HTTP status the server answered an upgrade with, asserting that the upgrade failed. */
    static int rejectedUpgradeStatus(HttpClient http, URI uri) {
        return rejectedUpgradeStatus(http, uri, b -> b);
    }

    static int rejectedUpgradeStatus(HttpClient http, URI uri, UnaryOperator<WebSocket.Builder> configure) {
        try {
            WebSocket unexpected = configure.apply(http.newWebSocketBuilder().connectTimeout(TIMEOUT))
                    .buildAsync(uri, new Recorder()).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            unexpected.abort();
            return fail("upgrade to " + uri + " unexpectedly succeeded");
        } catch (ExecutionException e) {
            WebSocketHandshakeException handshake = assertInstanceOf(WebSocketHandshakeException.class, e.getCause());
            return handshake.getResponse().statusCode();
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError("upgrade to " + uri + " got no answer in time", e);
        }
    }

    void sendText(String text) {
        join(socket.sendText(text, true));
    }

    void sendJson(String json) {
        sendText(json);
    }

    void sendBinary(byte[] bytes) {
        join(socket.sendBinary(ByteBuffer.wrap(bytes), true));
    }

    /** The next message, which must be text. */
    String nextText() {
        Object message = next();
        return assertInstanceOf(String.class, message, "expected a text message");
    }

    JsonNode nextJson() {
        String text = nextText();
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    /** The next message as JSON, asserting that it carries a current {@code ts}. */
    JsonNode nextStampedJson() {
        String text = nextText();
        JsonNode message;
        try {
            message = JSON.readTree(text);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + text, e);
        }
        assertTimestamp(message, text);
        return message;
    }

    byte[] nextBinary() {
        return assertInstanceOf(byte[].class, next(), "expected a binary message");
    }

    /** Asserts that nothing arrives within {@code quiet}. */
    void expectNothingFor(Duration quiet) {
        try {
            Object message = recorder.messages.poll(quiet.toMillis(), TimeUnit.MILLISECONDS);
            if (message != null) fail("unexpected message: " + message);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted");
        }
    }

    Close awaitClose() {
        try {
            return recorder.closed.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("connection failed instead of closing: " + e.getCause(), e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError("no close frame within " + TIMEOUT, e);
        }
    }

    private Object next() {
        try {
            Object message = recorder.messages.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            assertNotNull(message, "no message within " + TIMEOUT);
            return message;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static void join(CompletableFuture<WebSocket> send) {
        try {
            send.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("send failed: " + e, e);
        }
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            try {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                // the server may already have closed; abort below either way
            }
        }
        socket.abort();
    }

    /** Collects whole messages: text as String, binary as byte[]. */
    private static final class Recorder implements WebSocket.Listener {
        final BlockingQueue<Object> messages = new LinkedBlockingQueue<>();
        final CompletableFuture<Close> closed = new CompletableFuture<>();
        private final StringBuilder text = new StringBuilder();
        private final ByteArrayOutputStream binary = new ByteArrayOutputStream();

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(Long.MAX_VALUE);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                messages.add(text.toString());
                text.setLength(0);
            }
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            byte[] chunk = new byte[data.remaining()];
            data.get(chunk);
            binary.writeBytes(chunk);
            if (last) {
                messages.add(binary.toByteArray());
                binary.reset();
            }
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(new Close(statusCode, reason));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.completeExceptionally(error);
        }
    }

    static void assertTimestamp(JsonNode message, String raw) {
        JsonNode ts = message.get("ts");
        assertNotNull(ts, "message has no ts: " + raw);
        assertEquals(true, ts.isNumber(), "ts is not a number: " + raw);
        double skewMillis = Math.abs(System.currentTimeMillis() - ts.asDouble());
        if (skewMillis > 60_000) fail("ts is not the current epoch time in ms: " + raw);
        if (!raw.matches(".*\"ts\":\\d{13}\\.\\d{3}.*")) fail("ts is not epoch ms with a microsecond fraction: " + raw);
    }
}
