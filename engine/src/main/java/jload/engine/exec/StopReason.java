package jload.engine.exec;

/** Why a run ended before its scenarios did, and the k6 exit code that goes with it. */
public enum StopReason {
    SIGNAL(105, "test run stopped by a signal"),
    THRESHOLD_ABORT(99, "thresholds on metrics have been crossed and one of them aborts the run"),
    SCRIPT_ABORT(108, "test aborted by the script");

    public final int exitCode;
    public final String description;

    StopReason(int exitCode, String description) {
        this.exitCode = exitCode;
        this.description = description;
    }
}
