package jload.engine.proto.ws;

/** Why a WebSocket failed; the {@code kind} tag of {@code ws_errors}. */
public enum WsErrorKind {
    /** The host name did not resolve. */
    DNS("dns"),
    /** No TCP connection: refused or unreachable. */
    REFUSED("refused"),
    /** Connecting or the handshake took longer than the connect's timeout. */
    TIMEOUT("timeout"),
    /** The TLS handshake failed (certificate, host name, protocol). */
    TLS("tls"),
    /** The server answered the upgrade with another status than 101 (tagged {@code status}). */
    HANDSHAKE_STATUS("handshake_status"),
    /** The connection ended without a close frame (1006): dropped, reset. */
    ABNORMAL_CLOSE("abnormal_close"),
    /** The server closed with an error code (1002–1015 but 1005/1006, 3000–4999; tagged {@code code}). */
    SERVER_CLOSE("server_close"),
    /** A malformed frame or handshake: jload closed with 1002. */
    PROTOCOL("protocol"),
    /** An incoming message larger than the connect's maxMessageSize: jload closed with 1009. */
    MESSAGE_TOO_BIG("message_too_big");

    public final String tag;

    WsErrorKind(String tag) {
        this.tag = tag;
    }

    /** Why a connect failed before any HTTP answer, from what the transport threw. */
    static WsErrorKind ofConnectFailure(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.net.UnknownHostException) return DNS;
            if (t instanceof io.netty.channel.ConnectTimeoutException || t instanceof java.net.SocketTimeoutException) return TIMEOUT;
            if (t instanceof javax.net.ssl.SSLException) return TLS;
        }
        return REFUSED;
    }
}
