package jload.engine.sandbox;

import java.time.Duration;
import jload.engine.plan.ConfigException;
import jload.engine.plan.K6Duration;
import picocli.CommandLine.Option;

/** The sandbox's Socket.IO caps ({@link SocketIoLimits}) as options, shared by {@code jload sandbox} and {@code jload run --sandbox}. */
public final class SocketIoLimitOptions {
    @Option(names = "--sio-max-connections", paramLabel = "N",
            description = "Sandbox Socket.IO: connections admitted at once; the next is sent the error event and disconnected (default: no cap).")
    int maxConnections;

    @Option(names = "--sio-max-connections-per-origin", paramLabel = "N",
            description = "Sandbox Socket.IO: the same, per Origin header (default: no cap).")
    int maxConnectionsPerOrigin;

    @Option(names = "--sio-max-subscriptions", paramLabel = "N",
            description = "Sandbox Socket.IO: rooms one socket may join; a join beyond is sent the error event (default: no cap).")
    int maxSubscriptions;

    @Option(names = "--sio-idle-timeout", paramLabel = "DURATION",
            description = "Sandbox Socket.IO: a connection that sends nothing for this long (e.g. 2s) is sent the error event and disconnected.")
    String idleTimeout;

    @Option(names = "--sio-error-event", paramLabel = "EVENT",
            description = "Sandbox Socket.IO: the event carrying refusals as {code, message} (default: ${DEFAULT-VALUE}).")
    String errorEvent = SocketIoLimits.DEFAULT_ERROR_EVENT;

    @Option(names = "--sio-ring-timeout", paramLabel = "DURATION",
            description = "Sandbox Socket.IO signalling: how long a call rings an agent before it is cancelled as ring-no-answer (default: 15s).")
    String ringTimeout;

    /** The caps asked for; a bad value is a {@link ConfigException} naming its option. */
    public SocketIoLimits limits() {
        check("--sio-max-connections", maxConnections);
        check("--sio-max-connections-per-origin", maxConnectionsPerOrigin);
        check("--sio-max-subscriptions", maxSubscriptions);
        Duration idle = idleTimeout == null ? Duration.ZERO : K6Duration.parse(idleTimeout, "--sio-idle-timeout");
        if (errorEvent == null || errorEvent.isBlank()) throw new ConfigException("--sio-error-event: expected an event name");
        Duration ring = ringTimeout == null ? SocketIoLimits.DEFAULT_RING_TIMEOUT : K6Duration.parse(ringTimeout, "--sio-ring-timeout");
        if (ring.isZero() || ring.isNegative()) throw new ConfigException("--sio-ring-timeout: expected a positive duration such as 15s, got " + ringTimeout);
        return new SocketIoLimits(maxConnections, maxConnectionsPerOrigin, maxSubscriptions, idle, errorEvent, ring);
    }

    /** Whether any cap was asked for (they need the sandbox). */
    public boolean any() {
        return !limits().equals(SocketIoLimits.NONE);
    }

    private static void check(String option, int value) {
        if (value < 0) throw new ConfigException(option + ": expected 0 (no cap) or a positive number, got " + value);
    }
}
