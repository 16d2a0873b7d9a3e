package jload;

/** Opens WebSockets for a VU; they stay open across iterations until closed (by either side). */
public interface WebSockets {
    /** Connects and waits for the handshake. A failed connect returns a socket with {@code ok() == false}. */
    WebSocket connect(String url, WsConnect options);

    default WebSocket connect(String url) {
        return connect(url, WsConnect.defaults());
    }
}
