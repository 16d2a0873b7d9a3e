package jload;

import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A VU's Socket.IO v4 connection to one namespace, used synchronously (Engine.IO v4 over
 * WebSocket). Events that arrive while nothing waits for them are kept, in order, for the next
 * {@link #expect}. Event arguments travel as JSON: each method takes and returns them as the text
 * of a JSON array ({@code ["room-1", {"n": 1}]}), which every script language reads natively.
 * The heartbeat is answered by jload on its event loop, whatever the script is doing.
 */
public interface SocketIo {
    /** How long {@link #emitWithAck} and {@link #expect} wait when not told. */
    Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    /** Whether the namespace's CONNECT was accepted. */
    boolean ok();

    /** Why the connect failed (the server's connect_error message, an HTTP status, …) or what ended the session; null when nothing did. */
    String error();

    /** The namespace, "/" by default. */
    String namespace();

    /** The id the server gave this socket in the namespace ({@code socket.id}); null before it connected. */
    String id();

    /** Connected and not disconnected since (by either side, the transport or a missed heartbeat). */
    boolean isConnected();

    /** Why the session ended: "io client disconnect", "io server disconnect", "transport close", "ping timeout", "parse error"; null while connected. */
    String disconnectReason();

    /** Emits {@code event} with the arguments in {@code argsJson} (a JSON array). */
    void emit(String event, String argsJson);

    /**
     * Emits with an ack id and waits for the server's ack; its arguments as a JSON array's text,
     * or null when none came within {@code timeout}. Records sio_ack_duration.
     */
    String emitWithAck(String event, String argsJson, Duration timeout);

    /**
     * The arguments (a JSON array's text) of the first {@code event} (kept or new) that {@code match}
     * accepts — it gets the same text — within {@code timeout}; null when none came. Records sio_rtt
     * from this socket's last emit.
     */
    String expect(String event, Predicate<String> match, Duration timeout);

    /**
     * The first event (kept or new) named in {@code events}, as a JSON array's text: its name, then its arguments —
     * Socket.IO's own form of an event, as {@code onAny} hands it — or null when none came within {@code timeout}.
     * For a request with several possible answers ({@code call:accepted}, {@code call:rejected}). Records sio_rtt as
     * {@link #expect} does.
     */
    String expectAny(java.util.List<String> events, Duration timeout);

    /**
     * Hands every {@code event} to {@code handler} (its arguments as a JSON array's text) while the VU waits on
     * this socket — in {@link #expect}, {@link #emitWithAck} or {@link #listen} (a VU runs one thing at a time:
     * not during a {@code sleep}). When the server asked for an ack, the handler's result (a JSON array's text:
     * the ack's arguments; null for none) answers it. Such events no longer reach {@link #expect}. A handler may
     * emit, not wait. A later call for the same event replaces the handler.
     */
    void on(String event, Function<String, String> handler);

    /**
     * When the frame of the event or ack last handed to the script (by {@link #expect}, {@link #emitWithAck} or
     * an {@link #on} handler, while it runs) was read on jload's event loop: milliseconds since the epoch, with
     * microseconds, on this machine's wall clock; NaN before any. Against a server's send timestamp it gives a
     * broadcast's receipt latency without the VU's own wake-up in it.
     */
    double receivedAtEpochMillis();

    /** Waits {@code duration} for nothing but the {@link #on} handlers; returns early when the session ends. */
    void listen(Duration duration);

    /**
     * This connection's session in another namespace, over the same WebSocket (socket.io-client's
     * {@code manager.socket('/admin', {auth})}). Options: {@code auth} (a map: the CONNECT packet's
     * payload), {@code timeout}. A refused join returns a socket whose {@link #ok()} is false; this one
     * goes on. Each namespace has its own events, acks, handlers and {@link #close}.
     */
    SocketIo of(String namespace, Map<String, ?> options);

    /** Groovy's named arguments: {@code io.of('/admin', auth: [token: t])}. */
    default SocketIo of(Map<String, ?> options, String namespace) {
        return of(namespace, options);
    }

    default SocketIo of(String namespace) {
        return of(namespace, Map.of());
    }

    /** Leaves the namespace ({@code 41}); the connection closes when no other namespace ({@link #of}) still uses it. */
    void close();
}
