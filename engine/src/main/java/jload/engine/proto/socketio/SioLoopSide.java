package jload.engine.proto.socketio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import jload.engine.proto.ws.LoopHook;
import jload.engine.proto.ws.WsConnection;

/**
 * What a Socket.IO connection does on the event loop, whatever its VU is doing: answers Engine.IO's
 * pings ({@code 2} → {@code 3}) and declares the connection dead when no ping came within
 * pingInterval + pingTimeout (as socket.io-client does); counts each namespace's events as they
 * arrive; ends a namespace's session when the server leaves it, and every session on a frame that is
 * not Engine.IO v4 or when the transport goes.
 */
final class SioLoopSide implements LoopHook {
    static final String CLIENT_DISCONNECT = "io client disconnect", SERVER_DISCONNECT = "io server disconnect",
            TRANSPORT_CLOSE = "transport close", PING_TIMEOUT = "ping timeout", PROTOCOL = "parse error";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The namespaces this connection has asked to join, by name; added by the VU before it sends their CONNECT. */
    private final Map<String, SioNamespace> namespaces = new ConcurrentHashMap<>();
    private volatile String protocolError;
    /** pingInterval + pingTimeout from the server's open packet; 0 before it. Loop only. */
    private long deadAfterMillis;
    private Future<?> deadTimer;
    /** A binary packet ({@code 45n-}/{@code 46n-}) waiting for its attachments, and those come so far. Loop only. */
    private String binaryPacket;
    private int attachmentsMissing;
    private java.util.List<byte[]> attachments;

    void add(SioNamespace namespace) {
        namespaces.put(namespace.name, namespace);
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
                SioNamespace ns = namespaces.get(namespaceOf(text));
                if (type == '0' + SioPacket.BINARY_EVENT || type == '0' + SioPacket.BINARY_ACK) {
                    if (type == '0' + SioPacket.BINARY_EVENT && ns != null) ns.metrics.eventReceived();
                    awaitAttachments(connection, text);
                    return true; // the VU gets it whole, attachments in, once they came
                }
                if (ns == null) return false;
                if (type == '0' + SioPacket.EVENT) {
                    ns.metrics.eventReceived();
                } else if (type == '0' + SioPacket.CONNECT) {
                    // Here, not when the VU reads it: a server may disconnect right after accepting, in the same burst.
                    ns.markConnected();
                } else if (type == '0' + SioPacket.DISCONNECT) {
                    ns.end(SERVER_DISCONNECT);
                    // No namespace left: close the connection, as socket.io-client does, so that waits end now.
                    if (!anyOpen()) connection.close(1000, "");
                }
                return false;
            }
            case SioPacket.EIO_CLOSE -> {
                endAll(TRANSPORT_CLOSE, null);
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
        if (failProtocol(why)) connection.drop();
    }

    /**
     * Ends every session on a packet that is not Socket.IO ({@code why} says how), counted in each; true
     * when this call ended some, and the caller closes the connection. The first reason is kept.
     */
    boolean failProtocol(String why) {
        if (protocolError == null) protocolError = why;
        return endAll(PROTOCOL, "protocol");
    }

    @Override
    public void onClosed(WsConnection connection) {
        if (deadTimer != null) deadTimer.cancel(false);
        // jload closing it (the script without close(), the iteration's end) is the client's doing, not a lost transport.
        endAll(connection.closedByUs() ? CLIENT_DISCONNECT : TRANSPORT_CLOSE, null);
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
            if (endAll(PING_TIMEOUT, "ping_timeout")) connection.drop();
        }, deadAfterMillis);
    }

    /**
     * The namespace of a Socket.IO packet's frame: {@code 4}, its type, for a binary packet the attachment
     * count and {@code -}, then {@code /ns,} unless the namespace is "/".
     */
    private static String namespaceOf(String text) {
        int start = 2;
        char type = text.length() > 1 ? text.charAt(1) : ' ';
        if (type == '0' + SioPacket.BINARY_EVENT || type == '0' + SioPacket.BINARY_ACK) start = text.indexOf('-') + 1;
        if (start <= 0 || text.length() <= start || text.charAt(start) != '/') return "/";
        int comma = text.indexOf(',', start);
        return text.substring(start, comma < 0 ? text.length() : comma);
    }

    /** Ends every namespace's session still going with {@code reason}, counting {@code errorKind} (if any) in each; true when one was. */
    boolean endAll(String reason, String errorKind) {
        boolean any = false;
        for (SioNamespace ns : namespaces.values()) {
            if (ns.end(reason)) {
                any = true;
                if (errorKind != null) ns.metrics.error(errorKind);
            }
        }
        return any;
    }

    /** Whether some namespace's session goes on (or waits for its CONNECT's answer). */
    boolean anyOpen() {
        for (SioNamespace ns : namespaces.values()) {
            if (ns.endReason() == null) return true;
        }
        return false;
    }

    String protocolError() {
        return protocolError;
    }
}
