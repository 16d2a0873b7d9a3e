package jload.engine.cli;

/** k6's exit codes, which CI pipelines already test for. */
public final class ExitCode {
    public static final int OK = 0;
    public static final int THRESHOLDS_FAILED = 99;
    public static final int SETUP_TIMEOUT = 100;
    public static final int TEARDOWN_TIMEOUT = 101;
    public static final int INVALID_CONFIG = 104;
    public static final int STOPPED_BY_SIGNAL = 105;
    public static final int SCRIPT_EXCEPTION = 107;
    public static final int SCRIPT_ABORTED = 108;
    public static final int MARKED_AS_FAILED = 110;

    private ExitCode() {}
}
