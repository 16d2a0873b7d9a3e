package jload;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A VU's WebSocket, used synchronously: a VU is a virtual thread, so waiting for a reply reads
 * like the story being tested. Messages that arrive while nothing waits for them are kept, in
 * order, for the next {@link #expect} or {@link #messages}.
 */
public interface WebSocket {
    /** How long {@link #expect}, {@link #expectCount} and {@link #ping} wait when not told. */
    Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    /** Whether the handshake succeeded. */
    boolean ok();

    /** The upgrade's HTTP status: 101, or the rejection's status (401, 503, …); 0 without a response. */
    int status();

    /** The upgrade response's headers. */
    Map<String, String> headers();

    /** Why the connect failed, or what broke the open socket (a message over maxMessageSize, …); null when nothing did. */
    String error();

    boolean isOpen();

    /** The close code as soon as the socket has closed (1006: without a close frame), else -1. */
    int closeCode();

    /** The close frame's reason once closed ("" when it gave none), else "". */
    String closeReason();

    void send(String text);

    void send(byte[] data);

    /**
     * The first message (kept or new) that {@code match} accepts, waiting up to {@code timeout}
     * (from 100 ms on, it may end up to ~10 ms late); null when none came in time or the socket
     * closed. Records ws_rtt: from when this socket's last send was written to the socket to when
     * the message was read, both taken on the event loop.
     */
    Message expect(Predicate<Message> match, Duration timeout);

    /** {@link #expect(Predicate, Duration)} with the {@link #DEFAULT_TIMEOUT}. */
    default Message expect(Predicate<Message> match) {
        return expect(match, DEFAULT_TIMEOUT);
    }

    /**
     * Groovy's named arguments: {@code s.expect(timeout: '2s') { it.json().type == 'pong' }}.
     * {@code timeout} is a duration like {@code '2s'} or a number of milliseconds.
     */
    Message expect(Map<String, ?> options, Predicate<Message> match);

    /** Up to {@code count} accepted messages within {@code timeout} (fewer if time runs out). */
    List<Message> expectCount(int count, Predicate<Message> match, Duration timeout);

    default List<Message> expectCount(int count, Predicate<Message> match) {
        return expectCount(count, match, DEFAULT_TIMEOUT);
    }

    /** Groovy's named arguments: {@code s.expectCount(3, timeout: '2s') { … }}. */
    List<Message> expectCount(Map<String, ?> options, int count, Predicate<Message> match);

    /** Every message kept or arrived so far, without waiting. */
    List<Message> messages();

    /** Sends a ping and waits for the pong; the round trip in milliseconds (also ws_ping), or NaN. */
    double ping(Duration timeout);

    default double ping() {
        return ping(DEFAULT_TIMEOUT);
    }

    /** Closes with {@code code} and {@code reason}, waiting briefly for the server's close frame. */
    void close(int code, String reason);

    /** Closes normally (1000). */
    default void close() {
        close(1000, "");
    }
}
