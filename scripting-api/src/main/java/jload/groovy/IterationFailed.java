package jload.groovy;

/** Thrown by {@link JloadScript#fail}: the iteration ends, counted as failed, with this message. */
public final class IterationFailed extends RuntimeException {
    public IterationFailed(String message) {
        super(message, null, false, false);
    }
}
