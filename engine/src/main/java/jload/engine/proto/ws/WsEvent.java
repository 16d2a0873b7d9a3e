package jload.engine.proto.ws;

import java.util.Map;

/**
 * What happens on a WebSocket, as the VU learns of it. Timestamps are System.nanoTime values taken
 * on the event loop the moment the frame was read, so the VU's scheduling does not inflate latency.
 */
public sealed interface WsEvent {
    WsConnection connection();

    /** The handshake finished: 101 and its headers, or a rejection/failure (status 0 when there was no HTTP response). */
    record Opened(WsConnection connection, boolean ok, int status, Map<String, String> headers, String error,
                  WsErrorKind errorKind, long atNanos) implements WsEvent {}

    record Text(WsConnection connection, String text, long atNanos) implements WsEvent {}

    record Binary(WsConnection connection, byte[] bytes, long atNanos) implements WsEvent {}

    record Ping(WsConnection connection, long atNanos) implements WsEvent {}

    /**
     * A pong; {@code roundTripNanos} is the time from the write of the ping it answers (matched by
     * the payload it echoes) to this pong, both on the event loop, or -1 when it answers no ping
     * of ours (unsolicited pongs).
     */
    record Pong(WsConnection connection, String id, long atNanos, long roundTripNanos) implements WsEvent {}

    /** The socket is closed. {@code code} 1006 means it closed without a close frame. */
    record Closed(WsConnection connection, int code, String reason, long atNanos) implements WsEvent {}

    /** Something went wrong on an open socket (protocol error, I/O error); a Closed follows. */
    record Failed(WsConnection connection, WsErrorKind kind, String message, long atNanos) implements WsEvent {}
}
