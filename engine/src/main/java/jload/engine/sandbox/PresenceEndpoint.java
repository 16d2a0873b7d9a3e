package jload.engine.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;

/**
 * {@code /ws/presence?token=JWT}: an authenticated presence channel. The upgrade needs an HS256 token (query
 * parameter {@code token}, or an {@code Authorization: Bearer} header for clients that can set one); everyone
 * connected hears who comes online and goes offline, and who is typing.
 */
final class PresenceEndpoint implements EndpointHandler {
    private static final String BEARER = "Bearer ";

    private final MessageSender sender;
    private final Hs256Jwt jwt;
    private final Clock clock;
    private final Set<WebSocket> online = ConcurrentHashMap.newKeySet();

    PresenceEndpoint(SandboxMetrics metrics, Hs256Jwt jwt, Clock clock) {
        this.sender = new MessageSender(Endpoint.PRESENCE, metrics);
        this.jwt = jwt;
        this.clock = clock;
    }

    @Override
    public Endpoint endpoint() {
        return Endpoint.PRESENCE;
    }

    @Override
    public EndpointSession accept(WebSocket connection, UpgradeTarget target, ClientHandshake request) throws UpgradeRejectedException {
        String token = target.parameter("token").filter(t -> !t.isBlank()).or(() -> bearerToken(request))
                .orElseThrow(() -> new UpgradeRejectedException(401, "missing token: connect with ?token=<HS256 JWT>"));
        try {
            return new PresenceSession(connection, jwt.verify(token, clock.instant()));
        } catch (InvalidTokenException e) {
            throw new UpgradeRejectedException(401, e.getMessage());
        }
    }

    private static Optional<String> bearerToken(ClientHandshake request) {
        String authorization = request.getFieldValue("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) return Optional.empty();
        String token = authorization.substring(BEARER.length()).trim();
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }

    private void announce(String user, String status) {
        ObjectNode message = JsonMessages.message("presence").put("online", online.size()).put("user", user).put("status", status);
        String encoded = JsonMessages.encode(message);
        for (WebSocket member : online) sender.send(member, encoded);
    }

    private final class PresenceSession implements EndpointSession {
        private final WebSocket connection;
        private final String user;

        PresenceSession(WebSocket connection, String user) {
            this.connection = connection;
            this.user = user;
        }

        @Override
        public void onOpen() {
            online.add(connection);
            announce(user, "online");
        }

        @Override
        public void onText(String text) {
            Optional<ObjectNode> message = JsonMessages.parseObject(text);
            if (message.isEmpty()) {
                sender.send(connection, JsonMessages.error("message is not a JSON object"));
                return;
            }
            String type = JsonMessages.text(message.get(), "type").orElse("");
            switch (type) {
                case "ping" -> sender.send(connection, JsonMessages.encode(JsonMessages.message("pong")));
                case "typing" -> {
                    String encoded = JsonMessages.encode(JsonMessages.message("typing").put("user", user));
                    for (WebSocket member : online) {
                        if (member != connection) sender.send(member, encoded);
                    }
                }
                default -> sender.send(connection, JsonMessages.error("unknown type \"" + type + "\": expected ping or typing"));
            }
        }

        @Override
        public void onBinary(ByteBuffer message) {
            sender.send(connection, JsonMessages.error("binary messages are not supported here; send JSON text"));
        }

        @Override
        public void onClose() {
            if (online.remove(connection)) announce(user, "offline");
        }
    }
}
