package jload;

/** Opens WebSockets for a VU; they stay open across iterations until closed (by either side). */
public interface WebSockets {
    /** Connects and waits for the handshake. A failed connect returns a socket with {@code ok() == false}. */
    WebSocket connect(String url, WsConnect options);

    default WebSocket connect(String url) {
        return connect(url, WsConnect.defaults());
    }

    /**
     * Groovy's named arguments ({@code ws.connect(url, headers: [Origin: 'x'], timeout: '5s')}):
     * {@code headers} (map), {@code subprotocols} (list), {@code timeout} (a duration like
     * {@code '5s'}, or milliseconds), {@code compression} ({@code 'deflate'} or a boolean),
     * {@code tags} (map). An unknown name is an error.
     */
    WebSocket connect(java.util.Map<String, ?> options, String url);
}
