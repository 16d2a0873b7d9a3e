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

    /** One text message sent as {@code fragments} frames (a first frame and continuations), to test reassembly. */
    boolean sendFragmented(WebSocket to, String text, int fragments) {
        byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        int size = Math.max(1, (bytes.length + fragments - 1) / fragments);
        try {
            for (int from = 0; from < bytes.length || from == 0; from += size) {
                int end = Math.min(bytes.length, from + size);
                to.sendFragmentedFrame(org.java_websocket.enums.Opcode.TEXT, ByteBuffer.wrap(bytes, from, end - from), end >= bytes.length);
                if (end >= bytes.length) break;
            }
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
