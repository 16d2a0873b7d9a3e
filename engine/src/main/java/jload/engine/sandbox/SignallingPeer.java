package jload.engine.sandbox;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One Socket.IO socket (a namespace of a connection) as {@link Signalling} sees it: something events are emitted to.
 * A new instance may stand for the same socket at each event, so implementations are values: {@code equals} and
 * {@code hashCode} say whether two are the same socket.
 */
interface SignallingPeer {
    void emit(String event, JsonNode data);
}
