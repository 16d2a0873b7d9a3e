package jload.engine.sandbox;

import java.util.concurrent.atomic.AtomicReference;

/**
 * What the sandbox attaches to a connection whose upgrade it accepted. The open/closed guard exists because
 * Java-WebSocket opens a connection on its decoder thread but notices a vanished peer on its selector thread, so
 * {@code onClose} can overtake {@code onOpen}; a close seen first must win, or gauges and presence lists would leak.
 */
final class AcceptedConnection {
    private enum State { ACCEPTED, OPEN, CLOSED }

    private final Endpoint endpoint;
    private final EndpointSession session;
    private final AtomicReference<State> state = new AtomicReference<>(State.ACCEPTED);

    AcceptedConnection(Endpoint endpoint, EndpointSession session) {
        this.endpoint = endpoint;
        this.session = session;
    }

    Endpoint endpoint() {
        return endpoint;
    }

    EndpointSession session() {
        return session;
    }

    /** True exactly once, unless the connection was already closed. */
    boolean markOpen() {
        return state.compareAndSet(State.ACCEPTED, State.OPEN);
    }

    /** True exactly once, and only for a connection that had opened. */
    boolean markClosed() {
        return state.getAndSet(State.CLOSED) == State.OPEN;
    }

    boolean isOpen() {
        return state.get() == State.OPEN;
    }
}
