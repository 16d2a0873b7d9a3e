package jload.engine.sandbox;

import java.nio.ByteBuffer;
import java.util.Optional;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;

/**
 * {@code /ws/echo}: sends every text and binary message straight back, optionally closing after
 * the N-th ({@code ?closeAfter=N&closeCode=C}) or sending each text echo in F fragments
 * ({@code ?fragments=F}, to test clients' reassembly).
 */
final class EchoEndpoint implements EndpointHandler {
    private final MessageSender sender;

    EchoEndpoint(SandboxMetrics metrics) {
        this.sender = new MessageSender(Endpoint.ECHO, metrics);
    }

    @Override
    public Endpoint endpoint() {
        return Endpoint.ECHO;
    }

    @Override
    public EndpointSession accept(WebSocket connection, UpgradeTarget target, ClientHandshake request) throws UpgradeRejectedException {
        int fragments;
        try {
            fragments = Integer.parseInt(target.query().getOrDefault("fragments", "1"));
        } catch (NumberFormatException e) {
            fragments = -1;
        }
        if (fragments < 1 || fragments > 1000) throw new UpgradeRejectedException(400, "fragments must be a whole number from 1 to 1000");
        return new EchoSession(connection, EchoCloseHook.from(target), fragments);
    }

    private final class EchoSession implements EndpointSession {
        private final WebSocket connection;
        private final Optional<EchoCloseHook> closeHook;
        private final int fragments;
        private long echoed; // confined to this connection's decoder thread

        EchoSession(WebSocket connection, Optional<EchoCloseHook> closeHook, int fragments) {
            this.connection = connection;
            this.closeHook = closeHook;
            this.fragments = fragments;
        }

        @Override
        public void onText(String message) {
            boolean sent = fragments > 1 ? sender.sendFragmented(connection, message, fragments) : sender.send(connection, message);
            if (sent) afterEcho();
        }

        @Override
        public void onBinary(ByteBuffer message) {
            if (sender.send(connection, message)) afterEcho();
        }

        private void afterEcho() {
            echoed++;
            closeHook.filter(hook -> echoed == hook.afterMessages())
                    .ifPresent(hook -> {
                        if (hook.code() == EchoCloseHook.DROP) connection.closeConnection(EchoCloseHook.DROP, "dropped by the sandbox");
                        else connection.close(hook.code(), hook.reason());
                    });
        }
    }
}
