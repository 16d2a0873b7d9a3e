package jload.engine.script.js;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import jload.Message;
import jload.WebSocket;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Value;

/** A {@link WebSocket} as the jload/ws module sees it (the module wraps it in a friendlier JS class). */
public final class JsWebSocket {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final WebSocket socket;

    JsWebSocket(WebSocket socket) {
        this.socket = socket;
    }

    /** A received message, read by the module's Message class. */
    public static final class JsMessage {
        private final Message message;

        JsMessage(Message message) {
            this.message = message;
        }

        @HostAccess.Export
        public String text() {
            return message.text();
        }

        @HostAccess.Export
        public boolean isBinary() {
            return message.isBinary();
        }

        @HostAccess.Export
        public byte[] bytes() {
            return message.bytes();
        }

        @HostAccess.Export
        public double receivedAt() {
            return message.receivedAtMillis();
        }
    }

    @HostAccess.Export
    public boolean ok() {
        return socket.ok();
    }

    @HostAccess.Export
    public int status() {
        return socket.status();
    }

    @HostAccess.Export
    public String headersJson() throws JsonProcessingException {
        return JSON.writeValueAsString(socket.headers());
    }

    @HostAccess.Export
    public String error() {
        return socket.error();
    }

    @HostAccess.Export
    public boolean isOpen() {
        return socket.isOpen();
    }

    @HostAccess.Export
    public int closeCode() {
        return socket.closeCode();
    }

    @HostAccess.Export
    public String closeReason() {
        return socket.closeReason();
    }

    @HostAccess.Export
    public void sendText(String text) {
        socket.send(text);
    }

    @HostAccess.Export
    public void sendBytes(Value bytes) {
        socket.send(JsBytes.from(bytes));
    }

    @HostAccess.Export
    public JsMessage expect(Value match, Value timeout) {
        Message m = socket.expect(predicate(match), JsDurations.of(timeout, Duration.ofSeconds(10)));
        return m == null ? null : new JsMessage(m);
    }

    @HostAccess.Export
    public List<JsMessage> expectCount(int count, Value match, Value timeout) {
        return wrap(socket.expectCount(count, predicate(match), JsDurations.of(timeout, Duration.ofSeconds(10))));
    }

    @HostAccess.Export
    public List<JsMessage> messages() {
        return wrap(socket.messages());
    }

    @HostAccess.Export
    public double ping(Value timeout) {
        return socket.ping(JsDurations.of(timeout, Duration.ofSeconds(10)));
    }

    @HostAccess.Export
    public void close(int code, String reason) {
        socket.close(code, reason);
    }

    /** The module passes a function that already wraps the message and coerces the result to boolean. */
    private static Predicate<Message> predicate(Value match) {
        if (match == null || match.isNull()) return m -> true;
        if (!match.canExecute()) throw JsErrors.thrown("expect: the first argument must be a function");
        return m -> match.execute(new JsMessage(m)).asBoolean();
    }

    private static List<JsMessage> wrap(List<Message> messages) {
        List<JsMessage> out = new ArrayList<>(messages.size());
        for (Message m : messages) out.add(new JsMessage(m));
        return out;
    }
}
