package jload.engine.exec;

/** Thrown out of a blocking call (sleep) when the engine stops the VU's iteration. */
public final class VuInterrupted extends RuntimeException {
    public VuInterrupted() {
        super("iteration interrupted", null, false, false);
    }
}
