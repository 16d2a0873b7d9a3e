package jload.engine.proto.ws;

/** Why a WebSocket failed; the {@code kind} tag of {@code ws_errors}. */
public enum WsErrorKind {
    /** No TCP connection (refused, unreachable, DNS). */
    REFUSED("refused"),
    /** The server answered the upgrade with another status than 101. */
    REJECTED("rejected"),
    /** The handshake or an expected reply took longer than allowed. */
    TIMEOUT("timeout"),
    /** The connection ended without a close frame, or with an error close code (1011, …). */
    CLOSED_ABNORMALLY("closed_abnormally"),
    /** A malformed frame or handshake, TLS failure, … */
    PROTOCOL("protocol_error"),
    /** An incoming message larger than the connect's maxMessageSize: jload closed the connection with 1009. */
    MESSAGE_TOO_BIG("message_too_big");

    public final String tag;

    WsErrorKind(String tag) {
        this.tag = tag;
    }
}
