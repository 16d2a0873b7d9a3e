package jload.engine.sandbox;

import java.time.Duration;
import java.util.Objects;

/**
 * The caps the sandbox's Socket.IO endpoint enforces, as seed 001's gateway does (SOCKET_MAX_CONNECTIONS,
 * SOCKET_MAX_CONNECTIONS_PER_ORIGIN, SOCKET_MAX_SUBSCRIPTIONS_PER_CLIENT, SOCKET_IDLE_TIMEOUT_MS). Each refusal is
 * an {@code errorEvent} carrying {@code {code, message}} in the gateway's words; 0, or a zero duration, is no cap.
 *
 * @param maxConnections            connections admitted at once; the next one is accepted, told, and disconnected
 * @param maxConnectionsPerOrigin   the same, per Origin header (connections without one share a count)
 * @param maxSubscriptionsPerClient rooms one socket may be in; a join beyond is refused (told, and acked with the error)
 * @param idleTimeout               a connection that sent no Socket.IO packet for this long is told and disconnected
 * @param errorEvent                the event that carries the refusals
 * @param ringTimeout               how long a signalling call rings an agent before it is cancelled as ring-no-answer
 *                                  ({@link Signalling}; seed 004's server's {@code rna_timeout_seconds}, 15 s)
 */
public record SocketIoLimits(int maxConnections, int maxConnectionsPerOrigin, int maxSubscriptionsPerClient, Duration idleTimeout,
                             String errorEvent, Duration ringTimeout) {
    public static final String DEFAULT_ERROR_EVENT = "error";
    public static final Duration DEFAULT_RING_TIMEOUT = Duration.ofSeconds(15);
    public static final SocketIoLimits NONE = new SocketIoLimits(0, 0, 0, Duration.ZERO, DEFAULT_ERROR_EVENT, DEFAULT_RING_TIMEOUT);

    /** What the endpoint refuses, with the {@code code} and {@code message} the error event carries. */
    public enum Refusal {
        CONNECTION_LIMIT("connection_limit", "Too many realtime connections"),
        ORIGIN_LIMIT("origin_limit", "Too many connections from this origin"),
        SUBSCRIPTION_LIMIT("subscription_limit", "Subscription limit reached"),
        IDLE_TIMEOUT("idle_timeout", "Disconnected due to inactivity.");

        public final String code;
        public final String message;

        Refusal(String code, String message) {
            this.code = code;
            this.message = message;
        }
    }

    public SocketIoLimits {
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        check("maxConnections", maxConnections);
        check("maxConnectionsPerOrigin", maxConnectionsPerOrigin);
        check("maxSubscriptionsPerClient", maxSubscriptionsPerClient);
        if (idleTimeout.isNegative()) throw new IllegalArgumentException("idleTimeout must not be negative, got " + idleTimeout);
        if (errorEvent == null || errorEvent.isBlank()) throw new IllegalArgumentException("errorEvent must name an event");
        Objects.requireNonNull(ringTimeout, "ringTimeout");
        if (ringTimeout.isNegative() || ringTimeout.isZero()) throw new IllegalArgumentException("ringTimeout must be positive, got " + ringTimeout);
    }

    /** The same caps with another error event (the caps' own constructor, with the default ring timeout). */
    public SocketIoLimits(int maxConnections, int maxConnectionsPerOrigin, int maxSubscriptionsPerClient, Duration idleTimeout, String errorEvent) {
        this(maxConnections, maxConnectionsPerOrigin, maxSubscriptionsPerClient, idleTimeout, errorEvent, DEFAULT_RING_TIMEOUT);
    }

    private static void check(String name, int value) {
        if (value < 0) throw new IllegalArgumentException(name + " must be 0 (no cap) or more, got " + value);
    }
}
