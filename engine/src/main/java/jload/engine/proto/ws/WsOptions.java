package jload.engine.proto.ws;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How to open one WebSocket.
 *
 * @param headers      extra handshake headers (Origin, Cookie, Authorization, User-Agent, …)
 * @param subprotocols offered in Sec-WebSocket-Protocol, in order
 * @param timeout      for the TCP connect and the handshake together
 * @param compression  offer permessage-deflate
 * @param tags         extra tags for this socket's samples (a "name" tag replaces the url tag's role)
 * @param maxMessageSize the largest incoming message jload reassembles, in bytes
 */
public record WsOptions(Map<String, String> headers, List<String> subprotocols, Duration timeout,
                        boolean compression, Map<String, String> tags, int maxMessageSize) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    /** k6's modules have no such option: they take jload's default, 16 MiB. */
    public WsOptions(Map<String, String> headers, List<String> subprotocols, Duration timeout, boolean compression,
                     Map<String, String> tags) {
        this(headers, subprotocols, timeout, compression, tags, jload.WsConnect.DEFAULT_MAX_MESSAGE_SIZE);
    }

    public WsOptions {
        headers = Map.copyOf(headers);
        subprotocols = List.copyOf(subprotocols);
        tags = Map.copyOf(tags);
    }

    public static WsOptions defaults() {
        return new WsOptions(Map.of(), List.of(), DEFAULT_TIMEOUT, false, Map.of());
    }
}
