package jload;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Options of a WebSocket connect.
 *
 * @param headers        extra handshake headers (Origin, Cookie, Authorization, User-Agent, …)
 * @param subprotocols   offered in Sec-WebSocket-Protocol
 * @param timeout        for connecting and the handshake together
 * @param compression    offer permessage-deflate
 * @param tags           tags for this socket's samples; a {@code name} tag groups URLs that differ (ids, tokens)
 * @param persist        keep the socket open after the iteration that opened it ends; by default
 *                       jload closes it then (1001), so a failed iteration cannot leak connections
 * @param maxMessageSize the largest incoming message, in bytes; a larger one closes the connection
 *                       with 1009 and is reported as {@code ws_errors{kind:"message_too_big"}}
 */
public record WsConnect(Map<String, String> headers, List<String> subprotocols, Duration timeout,
                        boolean compression, Map<String, String> tags, boolean persist, int maxMessageSize) {
    /** 16 MiB. */
    public static final int DEFAULT_MAX_MESSAGE_SIZE = 16 * 1024 * 1024;

    public WsConnect {
        headers = Map.copyOf(headers);
        subprotocols = List.copyOf(subprotocols);
        tags = Map.copyOf(tags);
        if (maxMessageSize <= 0) throw new IllegalArgumentException("maxMessageSize must be > 0 bytes, not " + maxMessageSize);
    }

    public static WsConnect defaults() {
        return new WsConnect(Map.of(), List.of(), Duration.ofSeconds(60), false, Map.of(), false, DEFAULT_MAX_MESSAGE_SIZE);
    }
}
