package jload.engine.sandbox;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.java_websocket.WebSocket;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.drafts.Draft;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.exceptions.InvalidDataException;
import org.java_websocket.extensions.permessage_deflate.PerMessageDeflateExtension;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.handshake.ServerHandshakeBuilder;
import org.java_websocket.server.WebSocketServer;

/**
 * The sandbox's WebSocket listener: Java-WebSocket plumbing (handshake hook, callbacks, startup) around the
 * {@link UpgradeRouter} and the endpoint sessions.
 */
final class SandboxWebSocketServer extends WebSocketServer {
    private static final String SUBPROTOCOL_HEADER = "Sec-WebSocket-Protocol";

    private final UpgradeRouter router;
    private final SandboxMetrics metrics;
    private final CountDownLatch startup = new CountDownLatch(1);
    private volatile Exception startupFailure;
    static final int ACCEPT_BACKLOG = 4096;

    SandboxWebSocketServer(InetSocketAddress address, UpgradeRouter router, SandboxMetrics metrics) {
        super(address, drafts());
        this.router = router;
        this.metrics = metrics;
        setWebSocketFactory(new UpgradeRejectingChannelFactory());
        setReuseAddr(true);
        // Without it, a second small reply to the same client (a broadcast, then its ack) waits for the
        // client's delayed ACK of the first: ~40 ms on Linux, measured as the target's latency.
        setTcpNoDelay(true);
        // The JDK's default accept backlog (50) drops SYNs when thousands of VUs connect within
        // seconds: clients then time out connecting (seen at 10,000 connections over 10 s). The
        // kernel caps this at net.core.somaxconn.
        setMaxPendingConnections(ACCEPT_BACKLOG);
        // Daemon threads: a test or embedding program that forgets close() must still be able to exit.
        setDaemon(true);
    }

    /**
     * permessage-deflate first, for clients that offer it; the draft also falls back to no compression, and the
     * plain draft after it is a second safety net should the deflate draft ever refuse a handshake outright.
     */
    private static List<Draft> drafts() {
        return List.of(new Draft_6455(new PerMessageDeflateExtension()), new Draft_6455());
    }

    /** Blocks until the listener is bound, or reports why it could not be. */
    void awaitListening(Duration timeout) throws IOException {
        try {
            if (!startup.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IOException("WebSocket listener on " + getAddress() + " did not start within " + timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting the WebSocket listener", e);
        }
        Exception failure = startupFailure;
        if (failure == null) return;
        String message = "cannot listen for WebSocket on " + getAddress().getHostString() + ":" + getAddress().getPort()
                + ": " + failure.getMessage();
        IOException reported = failure instanceof BindException ? new BindException(message) : new IOException(message);
        reported.initCause(failure);
        throw reported;
    }

    @Override
    public ServerHandshakeBuilder onWebsocketHandshakeReceivedAsServer(WebSocket connection, Draft draft, ClientHandshake request)
            throws InvalidDataException {
        ServerHandshakeBuilder response = super.onWebsocketHandshakeReceivedAsServer(connection, draft, request);
        try {
            connection.setAttachment(router.route(connection, request));
        } catch (UpgradeRejectedException rejection) {
            throw reject(connection, rejection.status(), rejection.reason());
        } catch (RuntimeException bug) {
            throw reject(connection, 500, "sandbox failed to accept the upgrade: " + bug);
        }
        String offered = request.getFieldValue(SUBPROTOCOL_HEADER);
        if (offered != null && !offered.isBlank()) {
            // The sandbox speaks whatever the client asks for, so clients that insist on a subprotocol can connect.
            response.put(SUBPROTOCOL_HEADER, offered.split(",")[0].trim());
        }
        return response;
    }

    private InvalidDataException reject(WebSocket connection, int status, String reason) {
        metrics.upgradeRejected(status);
        if (connection instanceof WebSocketImpl impl && impl.getChannel() instanceof UpgradeRejectingChannel channel) {
            channel.rejectWith(status, reason);
        }
        // Makes the library abandon the handshake; what it then writes is replaced by our response (see the channel).
        return new InvalidDataException(CloseFrame.POLICY_VALIDATION, reason);
    }

    @Override
    public void onOpen(WebSocket connection, ClientHandshake handshake) {
        AcceptedConnection accepted = connection.getAttachment();
        if (accepted == null || !accepted.markOpen()) return;
        metrics.connectionOpened(accepted.endpoint());
        guarded(connection, () -> accepted.session().onOpen());
    }

    @Override
    public void onMessage(WebSocket connection, String message) {
        AcceptedConnection accepted = connection.getAttachment();
        if (accepted == null || !accepted.isOpen()) return;
        metrics.messageReceived(accepted.endpoint());
        guarded(connection, () -> accepted.session().onText(message));
    }

    @Override
    public void onMessage(WebSocket connection, ByteBuffer message) {
        AcceptedConnection accepted = connection.getAttachment();
        if (accepted == null || !accepted.isOpen()) return;
        metrics.messageReceived(accepted.endpoint());
        guarded(connection, () -> accepted.session().onBinary(message));
    }

    @Override
    public void onClose(WebSocket connection, int code, String reason, boolean remote) {
        AcceptedConnection accepted = connection.getAttachment();
        if (accepted == null || !accepted.markClosed()) return;
        metrics.connectionClosed(accepted.endpoint());
        guarded(connection, () -> accepted.session().onClose());
    }

    @Override
    public void onError(WebSocket connection, Exception error) {
        // A null connection means the listener itself failed; before onStart that is a failed bind.
        if (connection == null && startup.getCount() > 0) {
            startupFailure = error;
            startup.countDown();
        }
        // Errors on single connections (resets, protocol violations) are the client's business; the library closes them.
    }

    @Override
    public void onStart() {
        startup.countDown();
    }

    /**
     * An exception escaping a callback makes Java-WebSocket shut the whole server down; one misbehaving session
     * must only cost its own connection.
     */
    private static void guarded(WebSocket connection, Runnable callback) {
        try {
            callback.run();
        } catch (RuntimeException bug) {
            connection.close(CloseFrame.UNEXPECTED_CONDITION, "sandbox error: " + bug.getClass().getSimpleName());
        }
    }
}
