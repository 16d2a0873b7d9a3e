package jload.engine.proto.socketio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import jload.engine.proto.ws.LoopHook;
import jload.engine.proto.ws.WsConnection;

/**
 * What a Socket.IO session does on the event loop, whatever its VU is doing: answers Engine.IO's
 * pings ({@code 2} → {@code 3}) and declares the connection dead when no ping came within
 * pingInterval + pingTimeout (as socket.io-client does); counts events as they arrive; ends the
 * session on a frame that is not Engine.IO v4; and counts how the session ended, once.
 */
final class SioLoopSide implements LoopHook {
    static final String CLIENT_DISCONNECT = "io client disconnect", SERVER_DISCONNECT = "io server disconnect",
            TRANSPORT_CLOSE = "transport close", PING_TIMEOUT = "ping timeout", PROTOCOL = "parse error";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SioMetrics metrics;
    private final String namespace;
    private final AtomicReference<String> endReason = new AtomicReference<>();
    /** The namespace's CONNECT was answered: from then on an end is a disconnect, counted. */
    private volatile boolean connected;
    private volatile String protocolError;
    /** pingInterval + pingTimeout from the server's open packet; 0 before it. Loop only. */
    private long deadAfterMillis;
    private Future<?> deadTimer;
    /** A binary packet ({@code 45n-}/{@code 46n-}) waiting for its attachments, and those come so far. Loop only. */
    private String binaryPacket;
    private int attachmentsMissing;
    private java.util.List<byte[]> attachments;

    SioLoopSide(SioMetrics metrics, String namespace) {
        this.metrics = metrics;
        this.namespace = namespace;
    }

    @Override
    public boolean onText(WsConnection connection, String text) {
        if (!SioPacket.looksValid(text)) {
            malformed(connection, "a frame that is not an Engine.IO v4 packet: " + SioPacket.clip(text));
            return true;
        }
        switch (text.charAt(0)) {
            case SioPacket.EIO_OPEN -> {
                readHeartbeat(text);
                arm(connection);
                return false; // the VU reads the session id from it
            }
            case SioPacket.EIO_PING -> {
                connection.sendOnLoop(String.valueOf(SioPacket.EIO_PONG));
                arm(connection);
                return true;
            }
            case SioPacket.EIO_MESSAGE -> {
                char type = text.charAt(1);
                if (type == '0' + SioPacket.BINARY_EVENT || type == '0' + SioPacket.BINARY_ACK) {
                    if (type == '0' + SioPacket.BINARY_EVENT) metrics.eventReceived();
                    awaitAttachments(connection, text);
                    return true; // the VU gets it whole, attachments in, once they came
                }
                if (type == '0' + SioPacket.EVENT) {
                    metrics.eventReceived();
                } else if (type == '0' + SioPacket.CONNECT && namespaceOf(text).equals(namespace)) {
                    // Here, not when the VU reads it: a server may disconnect right after accepting, in the same burst.
                    connected = true;
                } else if (type == '0' + SioPacket.DISCONNECT && namespaceOf(text).equals(namespace)) {
                    // Its only namespace is gone: close the connection, as socket.io-client does, so that waits end now.
                    end(SERVER_DISCONNECT);
                    connection.close(1000, "");
                }
                return false;
            }
            case SioPacket.EIO_CLOSE -> {
                end(TRANSPORT_CLOSE);
                connection.drop();
                return true;
            }
            default -> {
                return true; // pong, upgrade, noop: nothing for the VU
            }
        }
    }

    private void awaitAttachments(WsConnection connection, String text) {
        int dash = text.indexOf('-');
        int count;
        try {
            count = Integer.parseInt(text.substring(2, dash));
        } catch (RuntimeException e) {
            malformed(connection, "a binary packet without its attachment count: " + SioPacket.clip(text));
            return;
        }
        binaryPacket = text;
        attachmentsMissing = count;
        attachments = new java.util.ArrayList<>(count);
        if (count == 0) deliverBinaryPacket(connection);
    }

    @Override
    public boolean onBinary(WsConnection connection, byte[] data) {
        if (binaryPacket == null) return false;
        attachments.add(data);
        if (--attachmentsMissing == 0) deliverBinaryPacket(connection);
        return true;
    }

    private void deliverBinaryPacket(WsConnection connection) {
        String packet = binaryPacket;
        binaryPacket = null;
        try {
            connection.deliverText(SioPacket.withAttachments(packet, attachments));
        } catch (SioProtocolException e) {
            malformed(connection, e.getMessage());
        }
    }

    private void malformed(WsConnection connection, String why) {
        protocolError = why;
        metrics.error("protocol");
        end(PROTOCOL);
        connection.drop();
    }

    @Override
    public void onClosed(WsConnection connection) {
        if (deadTimer != null) deadTimer.cancel(false);
        // jload closing it (the script without close(), the iteration's end) is the client's doing, not a lost transport.
        end(connection.closedByUs() ? CLIENT_DISCONNECT : TRANSPORT_CLOSE);
    }

    private void readHeartbeat(String text) {
        try {
            JsonNode open = JSON.readTree(text.substring(1));
            deadAfterMillis = open.path("pingInterval").asLong(0) + open.path("pingTimeout").asLong(0);
        } catch (Exception e) {
            deadAfterMillis = 0; // the VU refuses the malformed open packet
        }
    }

    private void arm(WsConnection connection) {
        if (deadAfterMillis <= 0) return;
        if (deadTimer != null) deadTimer.cancel(false);
        deadTimer = connection.scheduleOnLoop(() -> {
            if (end(PING_TIMEOUT)) {
                metrics.error("ping_timeout");
                connection.drop();
            }
        }, deadAfterMillis);
    }

    private static String namespaceOf(String text) {
        if (text.length() < 3 || text.charAt(2) != '/') return "/";
        int comma = text.indexOf(',', 2);
        return text.substring(2, comma < 0 ? text.length() : comma);
    }

    void markConnected() {
        connected = true;
    }

    /** Records how the session ended; only the first reason counts. True when this call was the first. */
    boolean end(String reason) {
        if (!endReason.compareAndSet(null, reason)) return false;
        if (connected) metrics.disconnected(reason);
        return true;
    }

    /** Why the session ended, null while it goes on. */
    String endReason() {
        return endReason.get();
    }

    String protocolError() {
        return protocolError;
    }
}
