package jload.engine.script;

/**
 * A script that failed, in terms a user reads: a message and where (file:line:column), never a Java
 * stack trace. {@link #kind()} tells the engine what it means for the run.
 */
public final class ScriptFailure extends RuntimeException {
    public enum Kind {
        /** Syntax error, or an exception in init code: the run cannot start (exit 107). */
        INIT,
        /** An exception thrown by a function the engine called (iteration, setup, teardown). */
        EXCEPTION,
        /** The call was stopped by the engine (graceful stop over, Ctrl-C). */
        INTERRUPTED,
        /** The script called {@code exec.test.abort()} (exit 108). */
        ABORT
    }

    private final Kind kind;
    private final String location;

    public ScriptFailure(Kind kind, String message, String location) {
        super(message, null, false, false);
        this.kind = kind;
        this.location = location;
    }

    public Kind kind() {
        return kind;
    }

    /** {@code file:line:column}, or null when unknown. */
    public String location() {
        return location;
    }

    /** One line a user reads: "message at file:line:column". */
    public String describe() {
        return location == null ? getMessage() : getMessage() + "\n\tat " + location;
    }
}
