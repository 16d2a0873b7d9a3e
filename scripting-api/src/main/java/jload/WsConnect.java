package jload;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Options of a WebSocket connect.
 *
 * @param headers      extra handshake headers (Origin, Cookie, Authorization, User-Agent, …)
 * @param subprotocols offered in Sec-WebSocket-Protocol
 * @param timeout      for connecting and the handshake together
 * @param compression  offer permessage-deflate
 * @param tags         tags for this socket's samples; a {@code name} tag groups URLs that differ (ids, tokens)
 */
public record WsConnect(Map<String, String> headers, List<String> subprotocols, Duration timeout,
                        boolean compression, Map<String, String> tags) {
    public WsConnect {
        headers = Map.copyOf(headers);
        subprotocols = List.copyOf(subprotocols);
        tags = Map.copyOf(tags);
    }

    public static WsConnect defaults() {
        return new WsConnect(Map.of(), List.of(), Duration.ofSeconds(60), false, Map.of());
    }
}
