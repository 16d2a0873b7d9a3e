package jload.engine.proto.ws;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import jload.Message;
import jload.WebSocket;

/**
 * A WebSocket used synchronously by one VU. Messages nobody has asked for yet wait in a backlog,
 * oldest first; beyond {@link #BACKLOG_LIMIT} the oldest are dropped (a script that never reads a
 * busy socket must not exhaust the heap) and counted in {@link #droppedMessages()}.
 */
final class SyncWebSocket implements WebSocket {
    static final int BACKLOG_LIMIT = 10_000;

    private final VuWebSockets owner;
    private final WsConnection connection;
    private final long zeroNanos;
    private final ArrayDeque<ReceivedMessage> backlog = new ArrayDeque<>();
    private boolean handshakeDone;
    private boolean ok;
    private String error;
    private boolean closed;
    /** The round trip of the last answered ping (see {@link WsEvent.Pong}); -1 while one is awaited. */
    private long pingRoundTripNanos = -1;
    /** The id of the ping ping() waits for: a late pong to an earlier one must not answer it. */
    private String awaitedPing;
    private long dropped;
    /** False for a protocol over WebSocket (Socket.IO) that times its own round trips: they are not ws_rtt twice. */
    private boolean recordsRtt = true;

    SyncWebSocket(VuWebSockets owner, WsConnection connection, long zeroNanos) {
        this.owner = owner;
        this.connection = connection;
        this.zeroNanos = zeroNanos;
    }

    WsConnection connection() {
        return connection;
    }

    boolean handshakeDone() {
        return handshakeDone;
    }

    void giveUp(String why) {
        handshakeDone = true;
        error = why;
        connection.drop();
    }

    /** One event for this socket, routed by the VU's pump. */
    void on(WsEvent e) {
        switch (e) {
            case WsEvent.Opened o -> {
                handshakeDone = true;
                ok = o.ok();
                error = o.error();
                if (!ok) closed = true;
            }
            case WsEvent.Text t -> keep(new ReceivedMessage(t.text(), null, t.atNanos(), zeroNanos));
            case WsEvent.Binary b -> keep(new ReceivedMessage(null, b.bytes(), b.atNanos(), zeroNanos));
            case WsEvent.Pong p -> {
                if (p.roundTripNanos() >= 0 && p.id().equals(awaitedPing)) pingRoundTripNanos = p.roundTripNanos();
            }
            case WsEvent.Closed c -> closed = true;
            case WsEvent.Failed f -> error = f.message();
            case WsEvent.Ping p -> { } // answered by Netty
        }
    }

    private void keep(ReceivedMessage m) {
        if (backlog.size() >= BACKLOG_LIMIT) {
            backlog.pollFirst();
            dropped++;
        }
        backlog.addLast(m);
    }

    long droppedMessages() {
        return dropped;
    }

    @Override
    public boolean ok() {
        return ok;
    }

    @Override
    public int status() {
        return connection.status();
    }

    @Override
    public Map<String, String> headers() {
        return connection.responseHeaders();
    }

    @Override
    public String error() {
        return error;
    }

    @Override
    public boolean isOpen() {
        return !closed && connection.isOpen();
    }

    /** Known as soon as the event loop saw the close, without waiting for the VU to read its events. */
    @Override
    public int closeCode() {
        return isOpen() ? -1 : connection.closeCode();
    }

    @Override
    public String closeReason() {
        return isOpen() ? "" : connection.closeReason();
    }

    @Override
    public void send(String text) {
        connection.send(text);
    }

    @Override
    public void send(byte[] data) {
        connection.send(data);
    }

    @Override
    public Message expect(Predicate<Message> match, Duration timeout) {
        List<Message> one = expectCount(1, match, timeout);
        return one.isEmpty() ? null : one.getFirst();
    }

    @Override
    public Message expect(Map<String, ?> options, Predicate<Message> match) {
        return expect(match, WsConnectOptions.timeout(options, "expect"));
    }

    @Override
    public List<Message> expectCount(Map<String, ?> options, int count, Predicate<Message> match) {
        return expectCount(count, match, WsConnectOptions.timeout(options, "expectCount"));
    }

    @Override
    public List<Message> expectCount(int count, Predicate<Message> match, Duration timeout) {
        List<Message> found = new ArrayList<>();
        long deadline = System.nanoTime() + VuWebSockets.clamp(timeout).toNanos();
        int scanned = 0; // backlog entries already offered to match
        while (true) {
            Iterator<ReceivedMessage> it = backlog.iterator();
            for (int i = 0; i < scanned && it.hasNext(); i++) it.next();
            while (it.hasNext() && found.size() < count) {
                ReceivedMessage m = it.next();
                if (match.test(m)) {
                    it.remove();
                    recordRtt(m);
                    found.add(m);
                } else {
                    scanned++;
                }
            }
            if (found.size() >= count || closed) return found;
            if (!owner.pump(deadline)) return found;
        }
    }

    /** From the last send, as it went to the socket, to when the message was read; both on the event loop. */
    void leaveRoundTripsToTheProtocol() {
        recordsRtt = false;
    }

    private void recordRtt(ReceivedMessage m) {
        if (!recordsRtt) return;
        long sent = connection.lastWriteNanos();
        if (sent != 0 && m.atNanos() - sent >= 0) {
            connection.metrics().rtt(owner.vuTags(), (m.atNanos() - sent) / 1e6);
        }
    }

    @Override
    public List<Message> messages() {
        while (owner.pump(System.nanoTime())) {
            // drain whatever is queued, without waiting
        }
        List<Message> all = new ArrayList<>(backlog);
        backlog.clear();
        return all;
    }

    @Override
    public double ping(Duration timeout) {
        long deadline = System.nanoTime() + VuWebSockets.clamp(timeout).toNanos();
        pingRoundTripNanos = -1;
        awaitedPing = connection.ping();
        while (pingRoundTripNanos < 0 && !closed) {
            if (!owner.pump(deadline)) return Double.NaN;
        }
        if (pingRoundTripNanos < 0) return Double.NaN;
        double ms = pingRoundTripNanos / 1e6;
        connection.metrics().ping(owner.vuTags(), ms);
        return ms;
    }

    @Override
    public void close(int code, String reason) {
        if (closed) return;
        connection.close(code, reason);
        long deadline = System.nanoTime() + Duration.ofMillis(2500).toNanos();
        while (!closed && owner.pump(deadline)) {
            // wait for the server's close frame (or the drop after it failed to come)
        }
    }
}
