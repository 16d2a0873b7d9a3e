package jload.engine.proto.ws;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import jload.engine.proto.Mailbox;

/**
 * One VU WebSocket. The VU's thread sends and closes; the event loop reads and posts events. State
 * read across the two is volatile; every event is posted exactly once, in order.
 */
public final class WsConnection {
    /** How long a close may wait for the server's close frame before the TCP connection is dropped. */
    private static final long CLOSE_WAIT_MS = 2000;

    private final URI uri;
    private final Mailbox mailbox;
    private final WsMetrics metrics;
    private volatile Channel channel;
    private volatile boolean open;
    private volatile long startNanos;
    private volatile int status;
    private volatile Map<String, String> responseHeaders = Map.of();
    private volatile String responseBody = "";
    private volatile int closeCode = -1;
    private volatile String closeReason = "";
    private volatile boolean closeSent;
    /** Whether the VU asked to close (then whatever code comes back is not the server's failure). */
    private volatile boolean closedByUs;

    /** Whether jload closed or dropped this connection (the script, or the iteration's end), not the server. */
    public boolean closedByUs() {
        return closedByUs;
    }
    private volatile boolean tcpConnected;
    /** The handshake succeeded at some point (failures after it are the open socket's, not the connect's). */
    private volatile boolean everOpened;
    /** A failure on the open socket was already counted in ws_errors: its close is not counted again. */
    private volatile boolean failureCounted;
    /** When the last data frame went to the socket (System.nanoTime), taken on the event loop. */
    private volatile long lastWriteNanos;
    /**
     * Pings awaiting their pong: id (the ping's payload, as k6 sends it) → when it was written.
     * Several may be in flight; a pong is matched by the payload it echoes. Event loop only.
     */
    private final java.util.Map<String, Long> pingsInFlight = new java.util.HashMap<>();
    private final java.util.concurrent.atomic.AtomicLong nextPingId = new java.util.concurrent.atomic.AtomicLong();
    /** A close the VU asked for before the handshake ended: sent as soon as it does. 0 when none. */
    private volatile int closeRequestedCode;
    /** The transport closed without a close frame: the 1006 may still become what jload sent (1009, 1002). */
    private volatile boolean closedWithoutFrame;
    /** Sees text frames first, on the event loop (a protocol's heartbeat); null for plain WebSocket. */
    private volatile LoopHook loopHook;
    private final AtomicBoolean openedPosted = new AtomicBoolean();
    private final AtomicBoolean closedPosted = new AtomicBoolean();

    WsConnection(URI uri, Mailbox mailbox, WsMetrics metrics) {
        this.uri = uri;
        this.mailbox = mailbox;
        this.metrics = metrics;
        this.startNanos = System.nanoTime(); // until the loop starts the connect ({@link #started})
    }

    public URI uri() {
        return uri;
    }

    public WsMetrics metrics() {
        return metrics;
    }

    public boolean isOpen() {
        return open;
    }

    /** The handshake's HTTP status: 101 when open, the rejection's status, 0 without a response. */
    public int status() {
        return status;
    }

    public Map<String, String> responseHeaders() {
        return responseHeaders;
    }

    /** The body of a rejected upgrade's response (k6/ws returns it as {@code res.body}); "" otherwise. */
    public String responseBody() {
        return responseBody;
    }

    /** The close code, -1 while not closed. 1006: closed without a close frame. */
    public int closeCode() {
        return closeCode;
    }

    public String closeReason() {
        return closeReason;
    }

    // --- VU side -------------------------------------------------------------------------------

    public void send(String text) {
        Channel ch = requireOpen();
        metrics.sent();
        write(ch, new TextWebSocketFrame(text));
    }

    public void send(byte[] bytes) {
        Channel ch = requireOpen();
        metrics.sent();
        write(ch, new BinaryWebSocketFrame(Unpooled.wrappedBuffer(bytes)));
    }

    /**
     * Writes on the event loop and notes the time there, just before the bytes go to the socket:
     * a VU's write waits in the loop's queue behind whatever ran before it (other VUs' scripts,
     * for loop-carried VUs), and that wait is jload's, not the target's, so round trips start here.
     */
    private void write(Channel ch, WebSocketFrame... frames) {
        ch.eventLoop().execute(() -> {
            lastWriteNanos = System.nanoTime();
            for (WebSocketFrame frame : frames) ch.write(frame);
            ch.flush();
        });
    }

    /** Lets {@code hook} see every text frame first, on the event loop; {@link WsClient} sets it before the dial. */
    void answerOnLoop(LoopHook hook) {
        this.loopHook = hook;
    }

    /**
     * Sends from the event loop itself (a hook's answer, such as a heartbeat): counted as a message,
     * but not a VU's data frame, so it does not move {@link #lastWriteNanos}. Only on the event loop.
     */
    public void sendOnLoop(String text) {
        Channel ch = channel;
        if (ch == null || !open || closeSent) return;
        metrics.sent();
        ch.writeAndFlush(new TextWebSocketFrame(text));
    }

    /** Runs {@code task} on this connection's event loop after {@code delayMillis}; null before it has one. */
    public java.util.concurrent.Future<?> scheduleOnLoop(Runnable task, long delayMillis) {
        Channel ch = channel;
        return ch == null ? null : ch.eventLoop().schedule(task, delayMillis, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** When the last text or binary frame was written, System.nanoTime; 0 before the first. */
    public long lastWriteNanos() {
        return lastWriteNanos;
    }

    /** Sends a ping; its round trip, timed from the write as ws_rtt is, comes with the {@link WsEvent.Pong}. */
    /** Sends a ping; returns its id (its payload), which the {@link WsEvent.Pong} that answers it carries. */
    public String ping() {
        Channel ch = requireOpen();
        String id = Long.toString(nextPingId.getAndIncrement());
        ch.eventLoop().execute(() -> {
            if (pingsInFlight.size() >= 1024) pingsInFlight.clear(); // a server that never answers
            pingsInFlight.put(id, System.nanoTime());
            ch.writeAndFlush(new PingWebSocketFrame(Unpooled.copiedBuffer(id, java.nio.charset.StandardCharsets.US_ASCII)));
        });
        return id;
    }

    /** Whether a data frame may be sent now: open, and no close frame sent. */
    public boolean canSend() {
        return open && !closeSent && channel != null;
    }

    /**
     * k6/ws counts a failed attempt as a session: its {@code ws_connecting} (until the failure,
     * {@code failedAtNanos}) and its {@code ws_session_duration} (until now, when ws.connect returns).
     */
    public void countFailedAttemptAsSession(long failedAtNanos) {
        countFailedConnecting(failedAtNanos);
        metrics.sessionEnded(System.nanoTime() - startNanos);
    }

    /** k6/websockets counts a failed attempt's {@code ws_connecting} (until the failure) too, but no session duration. */
    public void countFailedConnecting(long failedAtNanos) {
        metrics.connected(failedAtNanos - startNanos);
    }

    /** Drops the TCP connection without a close frame (k6/websockets does so after a handler's exception). */
    public void drop() {
        closedByUs = true;
        Channel ch = channel;
        if (ch != null) ch.close();
    }

    /**
     * Sends a close frame (once); the connection is dropped if the server does not answer in time.
     *
     * @throws IllegalArgumentException for a code a close frame may not carry (1004–1006, 1015, 0–999, …)
     */
    public void close(int code, String reason) {
        if (!io.netty.handler.codec.http.websocketx.WebSocketCloseStatus.isValidStatusCode(code)) {
            throw new IllegalArgumentException("WebSocket close status code does NOT comply with RFC-6455: " + code);
        }
        sendClose(heapCloseFrame(code, reason == null ? "" : reason), code);
    }

    /**
     * A close frame on a heap buffer. Netty's {@code new CloseWebSocketFrame(code, reason)} takes an
     * unpooled <em>direct</em> buffer, and a direct buffer takes the JDK's global Cleaner lock twice:
     * allocated on the VU's thread, freed on the event loop that carries that VU. With VUs carried by
     * their loop, that lock once deadlocked a loop (its thread blocked on the lock, 10 VUs parked
     * behind it, the test run hung: jstack in the closing note of session 6). So no VU allocates
     * direct memory.
     */
    static CloseWebSocketFrame heapCloseFrame(int code, String reason) {
        byte[] text = reason.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return new CloseWebSocketFrame(true, 0, Unpooled.buffer(2 + text.length).writeShort(code).writeBytes(text));
    }

    /**
     * k6/ws's close: any code the script gives goes on the wire as it is (gorilla writes what it is
     * given; 1005 as an empty close frame), where {@link #close} refuses codes a close frame may not carry.
     */
    public void closeAnyCode(int code) {
        CloseWebSocketFrame frame;
        if (code == 1005) {
            frame = new CloseWebSocketFrame(true, 0, Unpooled.EMPTY_BUFFER);
        } else if (io.netty.handler.codec.http.websocketx.WebSocketCloseStatus.isValidStatusCode(code)) {
            frame = heapCloseFrame(code, "");
        } else {
            frame = new CloseWebSocketFrame(true, 0, Unpooled.buffer(2).writeShort(code));
        }
        sendClose(frame, code);
    }

    private void sendClose(CloseWebSocketFrame frame, int code) {
        Channel ch = channel;
        if (closeSent) {
            frame.release();
            return;
        }
        if (!open) {
            frame.release();
            // Still connecting: the close goes out as soon as the handshake ends (a failed one ends it too).
            if (!everOpened) {
                closedByUs = true;
                closeRequestedCode = code;
                if (open) closeRequested(); // opened meanwhile
            }
            return;
        }
        closeSent = true;
        closedByUs = true;
        ch.writeAndFlush(frame);
        ch.eventLoop().schedule(() -> {
            if (ch.isOpen()) ch.close();
        }, CLOSE_WAIT_MS, TimeUnit.MILLISECONDS);
    }

    private Channel requireOpen() {
        Channel ch = channel;
        if (!open || ch == null) throw new IllegalStateException("the WebSocket to " + WsUrls.redacted(uri) + " is not open");
        return ch;
    }

    // --- event-loop side -----------------------------------------------------------------------

    void started() {
        startNanos = System.nanoTime();
        metrics.sessionStarted();
    }

    void attach(Channel ch) {
        channel = ch;
        ch.closeFuture().addListener(f -> closedByTransport());
    }

    void tcpConnected() {
        tcpConnected = true;
    }

    void handshakeResponse(int status, Map<String, String> headers, String body) {
        this.status = status;
        this.responseHeaders = headers;
        this.responseBody = body;
    }

    void opened() {
        long now = System.nanoTime();
        status = status == 0 ? 101 : status;
        everOpened = true;
        open = true;
        metrics.connected(now - startNanos);
        if (openedPosted.compareAndSet(false, true)) {
            mailbox.post(new WsEvent.Opened(this, true, status, responseHeaders, null, null, now));
        }
        if (closeRequestedCode != 0) closeRequested();
    }

    private void closeRequested() {
        int code = closeRequestedCode;
        closeRequestedCode = 0;
        if (code != 0) closeAnyCode(code);
    }

    void connectFailed(WsErrorKind kind, int status, String message) {
        if (status > 0) this.status = status;
        if (openedPosted.compareAndSet(false, true)) { // the first report of the failure is the one counted and told
            metrics.error(kind, status);
            String what = switch (kind) {
                case HANDSHAKE_STATUS -> "the server rejected the upgrade with status " + status;
                case TIMEOUT -> message.contains("handshake") ? "the handshake timed out" : "connecting timed out: " + message;
                case REFUSED -> "cannot connect to " + message;
                case DNS -> "cannot resolve the host: " + message;
                case TLS -> "the TLS handshake failed: " + message;
                default -> message;
            };
            mailbox.post(new WsEvent.Opened(this, false, this.status, responseHeaders, what, kind, System.nanoTime()));
        }
        Channel ch = channel;
        if (ch != null) ch.close();
    }

    void text(String text) {
        metrics.received();
        long at = System.nanoTime();
        jload.engine.proto.FanoutStamps.received(text, at);
        LoopHook hook = loopHook;
        if (hook != null && hook.onText(this, text)) return;
        mailbox.post(new WsEvent.Text(this, text, at));
    }

    void binary(byte[] data) {
        metrics.received();
        LoopHook hook = loopHook;
        if (hook != null && hook.onBinary(this, data)) return;
        mailbox.post(new WsEvent.Binary(this, data, System.nanoTime()));
    }

    /**
     * Hands the VU a text message a hook made from frames it consumed (a Socket.IO packet with its
     * binary attachments put back in), stamped now. Only on the event loop.
     */
    public void deliverText(String text) {
        mailbox.post(new WsEvent.Text(this, text, System.nanoTime()));
    }

    /** Sends a text frame and binary frames after it as one write (a Socket.IO packet and its attachments). */
    public void send(String text, java.util.List<byte[]> attachments) {
        Channel ch = requireOpen();
        WebSocketFrame[] frames = new WebSocketFrame[1 + attachments.size()];
        frames[0] = new TextWebSocketFrame(text);
        for (int i = 0; i < attachments.size(); i++) frames[i + 1] = new BinaryWebSocketFrame(Unpooled.wrappedBuffer(attachments.get(i)));
        for (int i = 0; i < frames.length; i++) metrics.sent();
        write(ch, frames);
    }

    void ping(long atNanos) {
        mailbox.post(new WsEvent.Ping(this, atNanos));
    }

    void pong(String payload) {
        long now = System.nanoTime();
        Long written = pingsInFlight.remove(payload);
        mailbox.post(new WsEvent.Pong(this, payload, now, written == null ? -1 : now - written));
    }

    /** The peer sent a close frame: answer it (unless we started the close) and drop the connection. */
    void closeFrame(int code, String reason) {
        closeCode = code < 0 ? 1005 : code;
        closeReason = reason == null ? "" : reason;
        Channel ch = channel;
        if (ch == null) return;
        if (!closeSent) {
            closeSent = true;
            ch.writeAndFlush(heapCloseFrame(code < 0 ? 1000 : code, "")).addListener(f -> ch.close());
        } else {
            ch.close();
        }
    }

    /**
     * Something broke on an open socket. {@code counted}: a failure of its own kind in ws_errors
     * (a protocol violation, a message too big), after which the close is not counted again; an I/O
     * error (a reset) is not — the abnormal close that follows is what ws_errors counts.
     */
    void failed(WsErrorKind kind, String message, boolean counted) {
        if (!everOpened) {
            connectFailed(kind, status, message);
            return;
        }
        if (closedPosted.get()) return;
        if (counted) {
            failureCounted = true;
            metrics.error(kind, 0);
        }
        mailbox.post(new WsEvent.Failed(this, kind, message, System.nanoTime()));
    }

    /** After a failure on the open socket: a close frame with {@code code} (unless one was sent), then the TCP connection. */
    void closeAfterFailure(int code) {
        if (closeCode < 0 || closedWithoutFrame) closeCode = code; // also when Netty's decoder already sent it and closed
        Channel ch = channel;
        if (ch == null || !ch.isActive()) return;
        if (!closeSent) {
            closeSent = true;
            ch.writeAndFlush(heapCloseFrame(code, "")).addListener(f -> ch.close());
        } else {
            ch.close();
        }
    }

    private void closedByTransport() {
        boolean wasOpen = open;
        open = false;
        if (!wasOpen) {
            // A close before the handshake ended is a failed connect. Reported after what the loop is
            // doing now, so that a more precise report (the connect's cause: DNS, TLS, …) wins.
            channel.eventLoop().execute(() -> {
                if (tcpConnected) connectFailed(WsErrorKind.PROTOCOL, status, "the connection closed during the handshake");
                else connectFailed(WsErrorKind.REFUSED, 0, uri.getHost() + ":" + WsUrls.port(uri) + ": connection refused or unreachable");
            });
            return;
        }
        if (closeCode < 0) { // known at once (SyncWebSocket.closeCode), though a failure may still name it
            closeCode = 1006;
            closedWithoutFrame = true;
        }
        // Reported once the loop is done with what it is doing now: when a protocol failure closed
        // the channel, its exception reaches WsFrameHandler after this, and it must come first.
        channel.eventLoop().execute(this::reportClosed);
    }

    private void reportClosed() {
        if (!closedPosted.compareAndSet(false, true)) return;
        long now = System.nanoTime();
        if (closeCode < 0) closeCode = 1006;
        metrics.sessionEnded(now - startNanos);
        if (isAbnormal(closeCode) && !failureCounted) {
            if (closeCode == 1006) metrics.error(WsErrorKind.ABNORMAL_CLOSE, 0);
            else metrics.serverClosed(closeCode);
        }
        LoopHook hook = loopHook;
        if (hook != null) hook.onClosed(this);
        mailbox.post(new WsEvent.Closed(this, closeCode, closeReason, now));
    }

    /**
     * A close the VU did not ask for, with another code than normal (1000), going away (1001) or
     * none given (1005) — 1006 (dropped), 1011 (server error), … — means something broke.
     */
    private boolean isAbnormal(int code) {
        return !closedByUs && code != 1000 && code != 1001 && code != 1005;
    }
}
