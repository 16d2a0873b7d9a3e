package jload.engine.exec;

/** Unwinds the script after {@code exec.test.abort()}; the run then stops with exit code 108. */
public final class TestAborted extends RuntimeException {
    public TestAborted(String reason) {
        super(reason, null, false, false);
    }
}
