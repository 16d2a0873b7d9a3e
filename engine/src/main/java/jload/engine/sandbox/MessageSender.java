package jload.engine.sandbox;

import java.nio.ByteBuffer;
import org.java_websocket.WebSocket;
import org.java_websocket.exceptions.WebsocketNotConnectedException;

/** Sends an endpoint's messages and counts them as outgoing in the metrics. */
record MessageSender(Endpoint endpoint, SandboxMetrics metrics) {

    /** False when the peer has already gone: broadcasts race with closes, and a departed member simply misses out. */
    boolean send(WebSocket to, String text) {
        try {
            to.send(text);
        } catch (WebsocketNotConnectedException e) {
            return false;
        }
        metrics.messageSent(endpoint);
        return true;
    }

    boolean send(WebSocket to, ByteBuffer bytes) {
        try {
            to.send(bytes);
        } catch (WebsocketNotConnectedException e) {
            return false;
        }
        metrics.messageSent(endpoint);
        return true;
    }
}
