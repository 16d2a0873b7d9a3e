package jload.engine.sandbox;

import java.nio.ByteBuffer;
import java.util.Optional;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;

/** {@code /ws/echo}: sends every text and binary message straight back, optionally closing after the N-th. */
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
        return new EchoSession(connection, EchoCloseHook.from(target));
    }

    private final class EchoSession implements EndpointSession {
        private final WebSocket connection;
        private final Optional<EchoCloseHook> closeHook;
        private long echoed; // confined to this connection's decoder thread

        EchoSession(WebSocket connection, Optional<EchoCloseHook> closeHook) {
            this.connection = connection;
            this.closeHook = closeHook;
        }

        @Override
        public void onText(String message) {
            if (sender.send(connection, message)) afterEcho();
        }

        @Override
        public void onBinary(ByteBuffer message) {
            if (sender.send(connection, message)) afterEcho();
        }

        private void afterEcho() {
            echoed++;
            closeHook.filter(hook -> echoed == hook.afterMessages())
                    .ifPresent(hook -> connection.close(hook.code(), hook.reason()));
        }
    }
}
