package jload.engine.script.js;

import java.time.Duration;
import jload.engine.proto.socketio.SyncSocketIo;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Value;

/**
 * A Socket.IO socket as the jload/socketio module sees it: event arguments cross as JSON text (the
 * module stringifies and parses), predicates as functions of that text.
 */
public final class JsSocketIo {
    private final SyncSocketIo io;

    JsSocketIo(SyncSocketIo io) {
        this.io = io;
    }

    @HostAccess.Export
    public boolean ok() {
        return io.ok();
    }

    @HostAccess.Export
    public String error() {
        return io.error();
    }

    @HostAccess.Export
    public String id() {
        return io.id();
    }

    @HostAccess.Export
    public String namespace() {
        return io.namespace();
    }

    @HostAccess.Export
    public boolean isConnected() {
        return io.isConnected();
    }

    @HostAccess.Export
    public String disconnectReason() {
        return io.disconnectReason();
    }

    @HostAccess.Export
    public void emit(String event, String argsJson) {
        try {
            io.emit(event, argsJson);
        } catch (IllegalStateException | IllegalArgumentException e) { // not connected: the script's mistake
            throw JsErrors.thrown(e.getMessage());
        }
    }

    @HostAccess.Export
    public String emitWithAck(String event, String argsJson, Value timeout) {
        Duration t = JsDurations.of(timeout, jload.SocketIo.DEFAULT_TIMEOUT);
        try {
            return io.emitWithAck(event, argsJson, t);
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw JsErrors.thrown(e.getMessage());
        }
    }

    /** {@code matchesJson} is called with each candidate's arguments as JSON text. */
    @HostAccess.Export
    public String expect(String event, Value matchesJson, Value timeout) {
        Duration t = JsDurations.of(timeout, jload.SocketIo.DEFAULT_TIMEOUT);
        try {
            return io.expect(event, json -> matchesJson.execute(json).asBoolean(), t);
        } catch (IllegalStateException e) {
            throw JsErrors.thrown(e.getMessage());
        }
    }

    /** {@code events}: a JS array of event names. */
    @HostAccess.Export
    public String expectAny(Value events, Value timeout) {
        Duration t = JsDurations.of(timeout, jload.SocketIo.DEFAULT_TIMEOUT);
        java.util.List<String> names = new java.util.ArrayList<>();
        for (long i = 0; i < events.getArraySize(); i++) names.add(events.getArrayElement(i).asString());
        try {
            return io.expectAny(names, t);
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw JsErrors.thrown(e.getMessage());
        }
    }

    /** {@code handlerJson} gets the event's arguments as JSON text and returns the ack's (or null). */
    @HostAccess.Export
    public void on(String event, Value handlerJson) {
        io.on(event, json -> {
            Value r = handlerJson.execute(json);
            return r == null || r.isNull() ? null : r.asString();
        });
    }

    @HostAccess.Export
    public double receivedAt() {
        return io.receivedAtEpochMillis();
    }

    @HostAccess.Export
    public void listen(Value duration) {
        try {
            io.listen(JsDurations.of(duration, Duration.ZERO));
        } catch (IllegalStateException e) {
            throw JsErrors.thrown(e.getMessage());
        }
    }

    /** io.of(namespace, options): the options arrive as JSON text. */
    @HostAccess.Export
    public JsSocketIo of(String namespace, String optionsJson) {
        return JsErrors.onBehalfOfScript(() -> new JsSocketIo(io.of(namespace, JsWebSockets.optionsObject(optionsJson, "socketio of()"))));
    }

    @HostAccess.Export
    public void close() {
        io.close();
    }
}
