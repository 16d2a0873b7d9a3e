package jload.engine.proto.ws;

/**
 * A protocol over WebSocket that handles some frames itself, on the event loop, without waking
 * the VU: Engine.IO's heartbeat must be answered within its timeout even while the script sleeps.
 */
public interface LoopHook {
    /** Called on the event loop for every text frame; true when the hook consumed it (the VU never sees it). */
    boolean onText(WsConnection connection, String text);

    /** Called on the event loop for every binary frame; true when the hook consumed it. */
    default boolean onBinary(WsConnection connection, byte[] data) {
        return false;
    }

    /** Called on the event loop once, when the connection has closed (any way: frame, drop, failure). */
    default void onClosed(WsConnection connection) {}
}
